// Progressive enhancement of the search box: while typing, popular queries
// and matching titles from /api/v1/search/suggest appear as links under the
// field. Without JavaScript the form works as it is.
const input = document.getElementById('search-q');
const list = document.getElementById('search-suggest');
if (input && list) {
  let timer;
  let last = '';
  // The site filter, or on a site's own search page the site it is limited to.
  const site = input.form?.querySelector('input[name="site"], select[name="site"]');
  const ownSite = input.form?.dataset.site;
  const show = (items) => {
    list.replaceChildren(
      ...items.map(({ text, href }) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = href;
        a.textContent = text;
        li.append(a);
        return li;
      }),
    );
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q === last) return;
      last = q;
      if (!q) return show([]);
      const params = new URLSearchParams({ q });
      const siteCode = site?.value || ownSite;
      if (siteCode) params.set('site', siteCode);
      try {
        const res = await fetch(`/api/v1/search/suggest?${params}`, {
          headers: { accept: 'application/json' },
        });
        if (!res.ok || q !== input.value.trim()) return;
        const data = await res.json();
        const action = input.form.getAttribute('action');
        show([
          ...data.queries.map((text) => ({
            text,
            href: `${action}?${new URLSearchParams({ q: text })}`,
          })),
          ...data.titles.map((t) => ({ text: t.title, href: t.url })),
        ]);
      } catch {
        show([]);
      }
    }, 200);
  });
}
