// `npm run search:eval [-- --pg postgres://…]`: the relevance test set
// (src/modules/search/relevance-cases.ts) against the demo content, on a
// fresh SQLite database and — when YIMEN_TEST_PG or --pg names a server — on
// a fresh PostgreSQL database. Prints success@3 and MRR per backend and the
// queries that missed; exits non-zero when success@3 is below 0.9.
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { pg: { type: 'string' } } });
if (args.pg) process.env.YIMEN_TEST_PG = args.pg;

const { openTestContext, PG_URL } = await import('../test/helpers/databases.ts');
const { seedAll } = await import('../src/platform/context.ts');
const { evaluateRelevance } = await import('../src/modules/search/relevance.ts');

const TARGET = 0.9;
const backends = PG_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
let ok = true;
for (const dialect of backends) {
  const t = await openTestContext(dialect);
  try {
    process.stderr.write(`${dialect}: seeding the demo content…\n`);
    await seedAll(t.ctx, () => {});
    const report = await evaluateRelevance(t.ctx);
    console.log(
      `${dialect}: ${report.cases} queries, success@3 ${report.successAt3.toFixed(3)}, MRR ${report.mrr.toFixed(3)}`,
    );
    for (const f of report.failures)
      console.log(
        `  missed: ${f.query} (first expected at ${f.rank ?? '—'}; top 3: ${f.top.slice(0, 3).join(', ')})`,
      );
    if (report.successAt3 < TARGET) ok = false;
  } finally {
    await t.close();
  }
}
if (!PG_URL) console.log('postgres: skipped (set YIMEN_TEST_PG or pass --pg <url>)');
process.exit(ok ? 0 : 1);
