import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../../platform/errors.ts';
import { idNumberCheckChar } from '../identity/validators.ts';
import { DEMO_ONLINE_SERVICE_CODES } from '../services/demo/online-codes.ts';
import { DEMO_FORMS } from './demo/forms.ts';
import { checkValues, compileForm, missingMaterials } from './form-compile.ts';
import { mergeDefinitions, parseDefinition, personalFields } from './form-definition.ts';

const ID = `52030219900101123${idNumberCheckChar('52030219900101123')}`;
const ga001 = DEMO_FORMS['GA-001']!;

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof DomainError, String(err));
    return err;
  }
  assert.fail('expected a refusal');
}

describe('form definitions', () => {
  it('accepts every demo form, and there is one for each online demo service', () => {
    assert.deepEqual(Object.keys(DEMO_FORMS).sort(), [...DEMO_ONLINE_SERVICE_CODES].sort());
    for (const [code, def] of Object.entries(DEMO_FORMS)) {
      assert.doesNotThrow(() => parseDefinition(JSON.stringify(def)), code);
    }
  });

  it('refuses malformed JSON, unknown properties and unknown field types with a Chinese reason', () => {
    assert.match(refusal(() => parseDefinition('{"fields": [')).message, /不是有效的 JSON/);
    const extra = refusal(() => parseDefinition({ fields: [], materials: [], script: 'x' }));
    assert.match(extra.message, /不符合规范/);
    const badType = refusal(() =>
      parseDefinition({ fields: [{ name: 'a', label: 'A', type: 'file' }], materials: [] }),
    );
    assert.ok(badType.fields?.definition);
  });

  it('refuses duplicate names, choice fields without options and conditions on later fields', () => {
    const dup = refusal(() =>
      parseDefinition({
        fields: [
          { name: 'a', label: 'A', type: 'text' },
          { name: 'a', label: 'B', type: 'text' },
        ],
        materials: [],
      }),
    );
    assert.match(dup.message, /字段名 a 重复/);
    assert.match(
      refusal(() =>
        parseDefinition({ fields: [{ name: 's', label: '选', type: 'select' }], materials: [] }),
      ).message,
      /必须列出选项/,
    );
    const later = refusal(() =>
      parseDefinition({
        fields: [
          { name: 'x', label: 'X', type: 'text', when: { field: 'y', equals: ['1'] } },
          { name: 'y', label: 'Y', type: 'checkbox' },
        ],
        materials: [],
      }),
    );
    assert.match(later.message, /不存在或在其后/);
    assert.match(
      refusal(() =>
        parseDefinition({
          fields: [{ name: 'p', label: 'P', type: 'text', pattern: '(' }],
          materials: [],
        }),
      ).message,
      /正则表达式/,
    );
  });
});

describe('checking a submission against its compiled form', () => {
  const good = {
    child_name: '王小明',
    child_gender: 'male',
    birth_date: '2026-11-20',
    birth_place: '遵义市妇幼保健院',
    guardian_name: '王大明',
    guardian_id: ID,
    relation: 'father',
    parents_married: 'yes',
    settle_with: 'father',
  };

  it('compiles to a TypeBox object that allows no other property', () => {
    const schema = compileForm(ga001);
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties).sort(), ga001.fields.map((f) => f.name).sort());
  });

  it('passes a complete, valid form', () => {
    const { values, errors } = checkValues(ga001, good, true);
    assert.deepEqual(errors, {});
    assert.equal(values.child_name, '王小明');
  });

  it('names a forged field and keeps it out of the stored values', () => {
    const { values, errors } = checkValues(ga001, { ...good, is_approved: '1' }, true);
    assert.match(errors._form ?? '', /不允许的字段：is_approved/);
    assert.equal('is_approved' in values, false);
  });

  it('refuses values outside the definition: options, dates, ID check digits', () => {
    const wrongDigit = ID.slice(0, 17) + (ID.endsWith('0') ? '1' : '0');
    const { errors } = checkValues(
      ga001,
      { ...good, relation: 'neighbour', birth_date: '20.11.2026', guardian_id: wrongDigit },
      true,
    );
    assert.match(errors.relation ?? '', /请从列表中选择/);
    assert.match(errors.birth_date ?? '', /YYYY-MM-DD/);
    assert.match(errors.guardian_id ?? '', /校验/);
  });

  it('requires required fields on submission but not in a draft', () => {
    const partial = { child_name: '王小明' };
    assert.deepEqual(checkValues(ga001, partial, false).errors, {});
    const { errors } = checkValues(ga001, partial, true);
    assert.match(errors.guardian_id ?? '', /请填写申报人身份证号码/);
  });

  it('applies conditional fields and materials only when their condition holds', () => {
    const gaNoCrime = DEMO_FORMS['GA-006']!;
    const base = { applicant_name: '李四', applicant_id: ID, receiving_unit: '某公司' };
    assert.deepEqual(checkValues(gaNoCrime, { ...base, purpose: 'employment' }, true).errors, {});
    const other = checkValues(gaNoCrime, { ...base, purpose: 'other' }, true);
    assert.match(other.errors.purpose_other ?? '', /请填写其他用途说明/);
    // A value for a field whose condition does not hold is dropped, not stored.
    const dropped = checkValues(
      gaNoCrime,
      { ...base, purpose: 'employment', purpose_other: 'x' },
      true,
    );
    assert.equal('purpose_other' in dropped.values, false);

    const have = new Set([
      'birth-medical-certificate',
      'parents-household-register',
      'parents-id-cards',
    ]);
    assert.deepEqual(Object.keys(missingMaterials(ga001, good, have)), [
      'material-marriage-certificate',
    ]);
    assert.deepEqual(missingMaterials(ga001, { ...good, parents_married: 'no' }, have), {});
  });

  it('merges a bundle into one form that asks each shared field and material once', () => {
    const merged = mergeDefinitions([ga001, DEMO_FORMS['YB-001']!, DEMO_FORMS['RS-001']!]);
    const names = merged.fields.map((f) => f.name);
    assert.equal(new Set(names).size, names.length);
    assert.equal(names.filter((n) => n === 'guardian_phone').length, 1);
    const keys = merged.materials.map((m) => m.key);
    assert.equal(keys.filter((k) => k === 'birth-medical-certificate').length, 1);
    // Mandatory for GA-001, conditional for YB-001: mandatory in the bundle.
    assert.equal(
      merged.materials.find((m) => m.key === 'birth-medical-certificate')?.when,
      undefined,
    );
  });
});

// RELIABILITY row 13: the personal information each form collects is this
// reviewed list. Adding a personal field to a form fails here until reviewed.
const REVIEWED_PERSONAL_FIELDS: Record<string, string[]> = {
  'GA-001': ['child_name', 'guardian_id', 'guardian_name'],
  'GA-006': ['applicant_id', 'applicant_name'],
  'WJ-002': ['father_id', 'father_name', 'mother_id', 'mother_name'],
  'YB-001': ['guardian_phone', 'insured_id', 'insured_name'],
  'YB-002': ['applicant_id', 'applicant_name'],
  'RS-001': ['guardian_phone', 'holder_name', 'post_address'],
  'RS-002': ['applicant_id', 'applicant_name', 'bank_account'],
  'MZ-005': ['bank_account', 'elder_id', 'elder_name'],
  'JY-001': ['child_id', 'child_name', 'guardian_name', 'guardian_phone', 'home_address'],
  'SJ-001': ['legal_rep', 'legal_rep_id'],
  'GJJ-001': ['applicant_id', 'applicant_name', 'bank_account'],
};

describe('personal information collected by the demo forms (row 13)', () => {
  it('equals the reviewed allowlist, form by form', () => {
    for (const [code, def] of Object.entries(DEMO_FORMS)) {
      assert.deepEqual(personalFields(def), REVIEWED_PERSONAL_FIELDS[code], code);
    }
  });
});
