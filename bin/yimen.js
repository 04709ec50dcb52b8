#!/usr/bin/env node
// Entry point of the `yimen` command. Sources are TypeScript run through tsx's
// loader, so there is no build step between a git checkout and a running node.
// The tsconfig is named explicitly: tsx would otherwise look for one in the
// working directory, and a service started from elsewhere (systemd, cron)
// would compile the JSX pages for React instead of Preact.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli.ts');
