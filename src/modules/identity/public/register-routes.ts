// Registration of citizen and enterprise accounts. One form per kind; its
// "发送验证码" button posts the same form with action=send. The code proves the
// phone is the registrant's; only then is uniqueness checked, so the form
// cannot be used to find out which numbers are registered without the phone.
import { type TObject, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FunctionComponent, h } from 'preact';
import { DomainError } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { cleanLine } from '../../../platform/text.ts';
import { insertAccount, type NewAccount } from '../accounts.ts';
import { audit } from '../audit-events.ts';
import { clientOf } from '../guard.ts';
import { createSession } from '../sessions.ts';
import { verifyCode } from '../sms-codes.ts';
import type { AccountKind } from '../tables.ts';
import {
  creditCodeError,
  idNumberError,
  normaliseCreditCode,
  normaliseIdNumber,
} from '../validators.ts';
import {
  actionField,
  checkCode,
  checkNewPassword,
  checkPhone,
  type Errors,
  keepable,
  LIMITS,
  opt,
  schemaErrors,
  sendAccountPage,
  sendCodeFor,
  setSessionCookie,
  t,
  type Values,
  valuesOf,
} from './forms.ts';
import type { FormPageProps } from './page-parts.tsx';
import { CitizenRegisterPage, EnterpriseRegisterPage } from './register-pages.tsx';

type Profile = Omit<NewAccount, 'kind' | 'phone' | 'password'>;

interface RegisterSpec {
  path: string;
  kind: Extract<AccountKind, 'citizen' | 'enterprise'>;
  page: FunctionComponent<FormPageProps>;
  body: TObject;
  /** Check the kind's own fields (adding messages to `errors`) and return them cleaned. */
  profile(values: Values, errors: Errors, now: Date): Profile;
}

const citizenBody = Type.Object(
  {
    phone: opt(LIMITS.phone),
    code: opt(LIMITS.code),
    display_name: opt(LIMITS.name),
    password: opt(LIMITS.password),
    password_confirm: opt(LIMITS.password),
    real_name: opt(LIMITS.name),
    id_number: opt(LIMITS.idNumber),
    action: actionField,
  },
  { additionalProperties: false },
);

const enterpriseBody = Type.Object(
  {
    org_name: opt(LIMITS.orgName),
    credit_code: opt(LIMITS.idNumber),
    legal_representative: opt(LIMITS.name),
    contact_name: opt(LIMITS.name),
    phone: opt(LIMITS.phone),
    code: opt(LIMITS.code),
    password: opt(LIMITS.password),
    password_confirm: opt(LIMITS.password),
    action: actionField,
  },
  { additionalProperties: false },
);

function required(
  values: Values,
  name: string,
  errors: Errors,
  message: Parameters<typeof t>[0],
): string {
  const value = cleanLine(values[name] ?? '');
  if (!value) errors[name] = t(message);
  return value;
}

const citizen: RegisterSpec = {
  path: '/account/register',
  kind: 'citizen',
  page: CitizenRegisterPage,
  body: citizenBody,
  profile(values, errors, now) {
    const displayName = required(
      values,
      'display_name',
      errors,
      'account.error.displayNameRequired',
    );
    const realName = cleanLine(values.real_name ?? '');
    const idNumber = normaliseIdNumber(values.id_number ?? '');
    if (realName || idNumber) {
      if (!realName) errors.real_name = t('account.error.realNameRequired');
      if (!idNumber) errors.id_number = t('account.error.idNumberRequired');
      else {
        const problem = idNumberError(idNumber, now);
        if (problem) errors.id_number = problem;
      }
    }
    return { displayName, realName: realName || undefined, idNumber: idNumber || undefined };
  },
};

const enterprise: RegisterSpec = {
  path: '/account/register/enterprise',
  kind: 'enterprise',
  page: EnterpriseRegisterPage,
  body: enterpriseBody,
  profile(values, errors) {
    const orgName = required(values, 'org_name', errors, 'account.error.orgNameRequired');
    const creditCode = normaliseCreditCode(values.credit_code ?? '');
    if (!creditCode) errors.credit_code = t('account.error.creditCodeRequired');
    else {
      const problem = creditCodeError(creditCode);
      if (problem) errors.credit_code = problem;
    }
    const legal = required(
      values,
      'legal_representative',
      errors,
      'account.error.legalRepRequired',
    );
    // The account table has no contact column; for an enterprise real_name holds 联系人.
    const contact = required(values, 'contact_name', errors, 'account.error.contactRequired');
    return { displayName: orgName, creditCode, legalRepresentative: legal, realName: contact };
  },
};

/** The field a uniqueness conflict from insertAccount belongs to. */
function conflictField(message: string): string {
  if (message.includes('身份证')) return 'id_number';
  if (message.includes('信用代码')) return 'credit_code';
  return 'phone';
}

/** Errors in the order the fields appear in the form, so the summary reads top to bottom. */
function inFormOrder(spec: RegisterSpec, errors: Errors): Errors {
  const order = Object.keys(spec.body.properties);
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}

async function submit(
  ctx: AppContext,
  spec: RegisterSpec,
  request: FastifyRequest,
  reply: FastifyReply,
  values: Values,
  render: (status: number, errors?: Errors, notice?: string) => FastifyReply,
) {
  const { phone, error: phoneError } = checkPhone(values.phone);
  if (values.action === 'send') {
    if (phoneError) return render(400, { phone: phoneError });
    // Always sent, registered or not: the answer must not tell which.
    const limited = await sendCodeFor(ctx, phone, 'register', request.ip, false);
    if (limited) return render(429, { code: limited });
    return render(200, {}, t('account.code.sent'));
  }
  const errors: Errors = {};
  if (phoneError) errors.phone = phoneError;
  const { code, error: codeError } = checkCode(values.code);
  if (codeError) errors.code = codeError;
  const profile = spec.profile(values, errors, ctx.now());
  checkNewPassword(values.password, values.password_confirm, phone, errors);
  if (Object.keys(errors).length > 0) return render(400, inFormOrder(spec, errors));
  if (!(await verifyCode(ctx, phone, 'register', code)))
    return render(400, { code: t('account.error.codeWrong') });
  let account: Awaited<ReturnType<typeof insertAccount>>;
  try {
    account = await ctx.db.kysely.transaction().execute(async (trx) => {
      const row = await insertAccount(ctx, trx, {
        ...profile,
        kind: spec.kind,
        phone,
        password: values.password,
      });
      await audit(ctx, trx, {
        actor: { id: row.id, name: row.display_name, ip: request.ip },
        action: 'account.register',
        targetType: 'account',
        targetId: row.id,
        outcome: 'success',
        detail: { kind: spec.kind, realName: Boolean(row.id_number_hash) },
      });
      return row;
    });
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'conflict' || err.code === 'bad_request'))
      return render(err.status, err.fields ?? { [conflictField(err.message)]: err.message });
    throw err;
  }
  const token = await createSession(ctx, account, clientOf(request));
  setSessionCookie(request, reply, token);
  return reply.redirect('/account', 303);
}

export function registerRegistrationRoutes(app: FastifyInstance, ctx: AppContext): void {
  for (const spec of [citizen, enterprise]) {
    app.get(spec.path, { config: { access: 'public' } }, (request, reply) =>
      sendAccountPage(request, reply, (view) => h(spec.page, { view, values: {}, errors: {} })),
    );
    app.post(
      spec.path,
      { config: { access: 'public' }, schema: { body: spec.body }, attachValidation: true },
      async (request, reply) => {
        const values = valuesOf(request.body);
        const render = (status: number, errors: Errors = {}, notice?: string) =>
          sendAccountPage(
            request,
            reply,
            (view) => h(spec.page, { view, values: keepable(values), errors, notice }),
            status,
          );
        if (request.validationError) return render(400, schemaErrors(request));
        return submit(ctx, spec, request, reply, values, render);
      },
    );
  }
}
