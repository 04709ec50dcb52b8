import type { Kysely } from 'kysely';

// What a government site's footer must show (政府网站发展指引 and the
// inspection indicators): 主办单位, 联系方式, 网站标识码, ICP备案编号,
// 公安机关备案号 and the 党政机关网站标识 link. All optional: an audience
// portal shows its gate's (the portal's) values, an institution its own.
const COLUMNS = [
  ['sponsor', 'varchar(100)'],
  ['contact', 'varchar(200)'],
  ['site_identifier', 'varchar(20)'],
  ['icp_record', 'varchar(50)'],
  ['police_record', 'varchar(60)'],
  ['conac_url', 'varchar(300)'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, type] of COLUMNS) {
    await db.schema.alterTable('site').addColumn(name, type).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of [...COLUMNS].reverse()) {
    await db.schema.alterTable('site').dropColumn(name).execute();
  }
}
