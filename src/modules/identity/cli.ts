// `yimen user …`: the operator's way in. Creating the first administrator,
// resetting a forgotten password and disabling an account work from the
// server's shell, audited with the actor "cli".
import type { Command } from 'commander';
import { print, withContext } from '../../cli/tools.ts';
import { ConfigError } from '../../platform/config.ts';
import type { AppContext } from '../../platform/module.ts';
import {
  bootstrapRole,
  createStaff,
  findStaff,
  grantsOf,
  resetPasswordByAdmin,
  setAccountStatus,
} from './accounts.ts';
import { ROLE_NAMES, type Role } from './permissions.ts';

const CLI_ACTOR = { id: null, name: 'cli' };
const CLI_ROLES: Role[] = ['system_admin', 'security_admin', 'audit_admin'];

async function staffOrFail(ctx: AppContext, username: string) {
  const account = await findStaff(ctx, username);
  if (!account) throw new ConfigError(`no staff account named "${username}"`);
  return account;
}

function printPassword(username: string, password: string) {
  print(`One-time password for ${username}:  ${password}`);
  print('Hand it over in person. It works once: at first sign-in (/admin/login) the user sets');
  print('a new password and binds an authenticator app (TOTP) before doing anything else.');
}

export function identityCli(program: Command): void {
  const user = program.command('user').description('staff accounts');
  user
    .command('create <username>')
    .description('create a staff account and print its one-time password')
    .option('--name <display>', 'display name (defaults to the username)')
    .option('--admin', 'make it a system administrator (系统管理员)')
    .option('--role <role>', `grant one of ${CLI_ROLES.join(', ')} (三员: one per person)`)
    .action((username: string, opts: { name?: string; admin?: boolean; role?: string }) =>
      withContext(async (ctx) => {
        const role = (opts.admin ? 'system_admin' : opts.role) as Role | undefined;
        if (role && !CLI_ROLES.includes(role))
          throw new ConfigError(`--role must be one of ${CLI_ROLES.join(', ')}`);
        const { account, oneTimePassword } = await createStaff(
          ctx,
          { username, displayName: opts.name ?? username },
          CLI_ACTOR,
        );
        if (role) await bootstrapRole(ctx, account.id, role);
        print(
          `Created staff account ${account.username}${role ? ` as ${ROLE_NAMES[role]} (${role})` : ''}.`,
        );
        printPassword(account.username!, oneTimePassword);
      }),
    );
  user
    .command('grant <username> <role>')
    .description('grant one of the three administrator roles from the shell')
    .action((username: string, role: string) =>
      withContext(async (ctx) => {
        if (!CLI_ROLES.includes(role as Role))
          throw new ConfigError(`role must be one of ${CLI_ROLES.join(', ')}`);
        const account = await staffOrFail(ctx, username);
        await bootstrapRole(ctx, account.id, role as Role);
        print(`${username} is now ${ROLE_NAMES[role as Role]} (${role}).`);
      }),
    );
  user
    .command('reset-password <username>')
    .description('replace a staff password with a one-time password; ends the user’s sessions')
    .action((username: string) =>
      withContext(async (ctx) => {
        const account = await staffOrFail(ctx, username);
        printPassword(username, await resetPasswordByAdmin(ctx, account.id, CLI_ACTOR));
      }),
    );
  for (const [name, status] of [
    ['disable', 'disabled'],
    ['enable', 'active'],
  ] as const) {
    user
      .command(`${name} <username>`)
      .description(
        name === 'disable'
          ? 'disable an account and end its sessions'
          : 'enable a disabled account',
      )
      .action((username: string) =>
        withContext(async (ctx) => {
          const account = await staffOrFail(ctx, username);
          await setAccountStatus(ctx, account.id, status, CLI_ACTOR);
          print(`${username} is ${status}.`);
        }),
      );
  }
  user
    .command('list')
    .description('staff accounts with their roles')
    .action(() =>
      withContext(async (ctx) => {
        const rows = await ctx.db.kysely
          .selectFrom('account')
          .selectAll()
          .where('kind', '=', 'staff')
          .orderBy('username')
          .execute();
        for (const a of rows) {
          const roles = (await grantsOf(ctx, a.id)).map(
            (g) => `${g.role}${g.scope === 'global' ? '' : `@${g.scope}`}`,
          );
          print(
            `${a.username}  ${a.status}  ${a.totp_enabled_at ? 'TOTP' : 'no TOTP'}  ${roles.join(', ') || '(no roles)'}`,
          );
        }
      }),
    );
}
