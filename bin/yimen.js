#!/usr/bin/env -S node --max-semi-space-size=2
// Entry point of the `yimen` command. Sources are TypeScript run through tsx's
// loader, so there is no build step between a git checkout and a running node.
// The tsconfig is named explicitly: tsx would otherwise look for one in the
// working directory, and a service started from elsewhere (systemd, cron)
// would compile the JSX pages for React instead of Preact.
// --max-semi-space-size=2 (MiB; V8's default is 16): a node's young
// generation stays small. Most of what a request allocates dies young either
// way, and the default let a serving node's heap grow by some 50 MiB of
// mostly empty space (docs/PERFORMANCE.md, memory). V8 reads it only from
// the command line: `npm start` and this file's first line pass it.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli.ts');
