// Sites and channels: the portal, the six audience portals and the four
// institutions' sites, each with its channel tree.
import type { YimenModule } from '../../platform/module.ts';
import * as sitesChannels from './migrations/202611261100_sites_sites_channels.ts';
import * as defaults from './migrations/202611261101_sites_defaults.ts';
import * as footer from './migrations/202611281001_sites_footer.ts';
import { structureChanged } from './sites.ts';
import './tables.ts';

export const sitesModule: YimenModule = {
  name: 'sites',
  migrations: {
    '202611261100_sites_sites_channels': sitesChannels,
    '202611261101_sites_defaults': defaults,
    '202611281001_sites_footer': footer,
  },
  async seed(ctx, { progress }) {
    // Institutions' sites belong to their organisations, which the identity seed created.
    let linked = 0;
    for (const code of ['party', 'npc', 'government', 'cppcc']) {
      const org = await ctx.db.kysely
        .selectFrom('organisation')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirst();
      if (!org) continue;
      const res = await ctx.db.kysely
        .updateTable('site')
        .set({ organisation_id: org.id })
        .where('code', '=', code)
        .where('organisation_id', 'is', null)
        .executeTakeFirst();
      linked += Number(res.numUpdatedRows);
    }
    progress(`sites: ${linked} linked to their organisations`);
    // Demo footer particulars for the portal (the audience portals show the
    // portal's); a real deployment enters its own registration numbers.
    await ctx.db.kysely
      .updateTable('site')
      .set({
        sponsor: '遵义市人民政府办公室',
        contact: '联系电话：0851-00000000（演示）',
        site_identifier: '0000000000',
        icp_record: '黔ICP备00000000号（演示）',
        police_record: '黔公网安备 00000000000000号（演示）',
      })
      .where('code', '=', 'portal')
      .where('sponsor', 'is', null)
      .execute();
    // The English investment portal says who runs it in English.
    await ctx.db.kysely
      .updateTable('site')
      .set({
        sponsor: 'General Office of the Zunyi Municipal People’s Government',
        contact: 'Tel: +86 851 0000 0000 (demo)',
      })
      .where('code', '=', 'invest-en')
      .where('sponsor', 'is', null)
      .execute();
    structureChanged(ctx);
  },
};
