#!/usr/bin/env node
// Entry point of the `yimen` command. Sources are TypeScript run through tsx's
// loader, so there is no build step between a git checkout and a running node.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
