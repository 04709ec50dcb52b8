import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChannelRow, SiteRow } from '../sites/tables.ts';
import { buildStructure, resolvePath } from './structure.ts';

const site = (code: string, path: string, kind: SiteRow['kind'] = 'institution'): SiteRow =>
  ({
    code,
    path,
    kind,
    name: code,
    lang: path.startsWith('/en/') ? 'en' : 'zh-CN',
    colour: '#b31b1b',
  }) as SiteRow;
const channel = (site_code: string, slug: string, kind: ChannelRow['kind'] = 'list'): ChannelRow =>
  ({ id: `${site_code}-${slug}`, site_code, slug, kind, parent_id: null, in_nav: 1 }) as ChannelRow;

const structure = buildStructure(
  [
    site('portal', '/', 'portal'),
    site('citizens', '/citizens/', 'audience'),
    site('invest-en', '/en/invest/', 'audience'),
    site('party', '/sites/party/'),
  ],
  [
    channel('portal', 'headlines'),
    channel('citizens', 'news'),
    channel('invest-en', 'news'),
    channel('party', 'news'),
    channel('party', 'elsewhere', 'link'),
  ],
);

const kind = (path: string) => {
  const r = resolvePath(structure, path);
  if (r.kind === 'slash') return `slash ${r.location}`;
  if (r.kind === 'none') return 'none';
  return `${r.kind} ${r.site.code}${'channel' in r ? `/${r.channel.slug}` : ''}${'slug' in r ? `/${r.slug}` : ''}`;
};

describe('public URL resolution', () => {
  it('finds the site by the longest matching prefix, then the channel, feed or item', () => {
    assert.equal(kind('/'), 'home portal');
    assert.equal(kind('/headlines/'), 'channel portal/headlines');
    assert.equal(kind('/citizens/'), 'home citizens');
    assert.equal(kind('/en/invest/news/'), 'channel invest-en/news');
    assert.equal(kind('/en/invest/news/feed.xml'), 'feed invest-en/news');
    assert.equal(kind('/sites/party/news/a-b-1.html'), 'item party/news/a-b-1');
  });

  it('adds the missing trailing slash to a site or channel', () => {
    assert.equal(kind('/citizens'), 'slash /citizens/');
    assert.equal(kind('/sites/party'), 'slash /sites/party/');
    assert.equal(kind('/sites/party/news'), 'slash /sites/party/news/');
  });

  it('leads the index pages of a replaced static site to their directory', () => {
    const expected: Record<string, string> = {
      '/index.html': 'slash /',
      '/sites/party/index.shtml': 'slash /sites/party/',
      '/en/invest/default.htm': 'slash /en/invest/',
      '/sites/party/news/index.html': 'slash /sites/party/news/',
      '/sites/party/news/default.html': 'slash /sites/party/news/',
      '/sites/party/news/Default.aspx': 'slash /sites/party/news/',
      '/sites/party/INDEX.HTM': 'slash /sites/party/',
      '/citizens/index.php': 'slash /citizens/',
      '/sites/party/news/index2.html': 'item party/news/index2',
      '/sites/party/elsewhere/index.html': 'none',
    };
    for (const [path, route] of Object.entries(expected)) assert.equal(kind(path), route, path);
  });

  it('names nothing for unknown channels, link channels, bad slugs and deeper paths', () => {
    for (const path of [
      '/sites/',
      '/sites/npc/',
      '/sites/party/elsewhere/',
      '/sites/party/news/Bad_Slug.html',
      '/sites/party/news/../../etc/passwd',
      '/sites/party/news/a/b.html',
      '/sites/party/news/x.htm',
      '/citizens/news/%2e%2e.html',
    ]) {
      assert.equal(kind(path), 'none', path);
    }
  });
});
