// The online application forms of the demo catalog, one per service that can
// be applied for online (DEMO_ONLINE_SERVICE_CODES). Material keys match the
// guides' material keys, so a bundle asks for a shared document once.
import type { FormDefinition, FormField, FormMaterial } from '../form-definition.ts';

const name = (n: string, label: string): FormField => ({
  name: n,
  label,
  type: 'text',
  required: true,
  maxLength: 50,
  personal: true,
});
const idNo = (n: string, label: string): FormField => ({
  name: n,
  label,
  type: 'id_number',
  required: true,
  hint: '18位公民身份号码，末位可以是 X',
});
const material = (key: string, label: string, required = true, hint?: string): FormMaterial => ({
  key,
  label,
  required,
  ...(hint ? { hint } : {}),
});
const ID_CARD = material('id-card', '申请人居民身份证（正反面）');
const HOUSEHOLD = material('household-register', '居民户口簿（户主页和本人页）');
const BANK = (label = '本人社会保障卡或银行卡号'): FormField => ({
  name: 'bank_account',
  label,
  type: 'text',
  required: true,
  pattern: '\\d{12,19}',
  patternMessage: '请填写12至19位数字卡号',
  personal: true,
});

export const DEMO_FORMS: Record<string, FormDefinition> = {
  'GA-001': {
    fields: [
      name('child_name', '新生儿姓名'),
      {
        name: 'child_gender',
        label: '新生儿性别',
        type: 'radio',
        required: true,
        options: [
          { value: 'male', label: '男' },
          { value: 'female', label: '女' },
        ],
      },
      { name: 'birth_date', label: '出生日期', type: 'date', required: true },
      {
        name: 'birth_place',
        label: '出生地（医院名称）',
        type: 'text',
        required: true,
        maxLength: 100,
      },
      name('guardian_name', '申报人姓名'),
      idNo('guardian_id', '申报人身份证号码'),
      {
        name: 'relation',
        label: '申报人与新生儿关系',
        type: 'select',
        required: true,
        options: [
          { value: 'father', label: '父亲' },
          { value: 'mother', label: '母亲' },
          { value: 'guardian', label: '其他监护人' },
        ],
      },
      {
        name: 'parents_married',
        label: '父母是否已登记结婚',
        type: 'radio',
        required: true,
        options: [
          { value: 'yes', label: '是' },
          { value: 'no', label: '否' },
        ],
      },
      {
        name: 'settle_with',
        label: '随父或随母落户',
        type: 'select',
        required: true,
        options: [
          { value: 'father', label: '随父落户' },
          { value: 'mother', label: '随母落户' },
        ],
      },
    ],
    materials: [
      material('birth-medical-certificate', '《出生医学证明》'),
      material('parents-household-register', '父亲或母亲的居民户口簿'),
      material('parents-id-cards', '父母双方居民身份证'),
      {
        ...material('marriage-certificate', '父母结婚证'),
        when: { field: 'parents_married', equals: ['yes'] },
      },
      {
        ...material('agent-id-card', '代办人居民身份证及授权委托书'),
        when: { field: 'relation', equals: ['guardian'] },
      },
    ],
  },
  'GA-006': {
    fields: [
      name('applicant_name', '申请人姓名'),
      idNo('applicant_id', '申请人身份证号码'),
      {
        name: 'purpose',
        label: '开具用途',
        type: 'select',
        required: true,
        options: [
          { value: 'employment', label: '就业' },
          { value: 'abroad', label: '出国（境）' },
          { value: 'other', label: '其他' },
        ],
      },
      {
        name: 'purpose_other',
        label: '其他用途说明',
        type: 'text',
        required: true,
        maxLength: 100,
        when: { field: 'purpose', equals: ['other'] },
      },
      {
        name: 'receiving_unit',
        label: '证明使用单位',
        type: 'text',
        required: true,
        maxLength: 100,
      },
    ],
    materials: [ID_CARD],
  },
  'WJ-002': {
    fields: [
      name('mother_name', '女方姓名'),
      idNo('mother_id', '女方身份证号码'),
      name('father_name', '男方姓名'),
      idNo('father_id', '男方身份证号码'),
      {
        name: 'child_order',
        label: '本次生育孩次',
        type: 'select',
        required: true,
        options: [
          { value: '1', label: '一孩' },
          { value: '2', label: '二孩' },
          { value: '3', label: '三孩' },
        ],
      },
      { name: 'expected_date', label: '预产期', type: 'date', required: false },
    ],
    materials: [
      material('id-card', '夫妻双方居民身份证'),
      material('marriage-certificate', '结婚证'),
    ],
  },
  'YB-001': {
    fields: [
      name('insured_name', '参保人姓名'),
      {
        name: 'insured_kind',
        label: '参保人类别',
        type: 'select',
        required: true,
        options: [
          { value: 'newborn', label: '新生儿' },
          { value: 'student', label: '在校学生' },
          { value: 'resident', label: '城乡居民' },
        ],
      },
      {
        ...idNo('insured_id', '参保人身份证号码'),
        when: { field: 'insured_kind', equals: ['student', 'resident'] },
      },
      { name: 'guardian_phone', label: '联系电话', type: 'phone', required: true },
    ],
    materials: [
      { ...HOUSEHOLD, when: { field: 'insured_kind', equals: ['student', 'resident'] } },
      {
        ...material('birth-medical-certificate', '《出生医学证明》'),
        when: { field: 'insured_kind', equals: ['newborn'] },
      },
    ],
  },
  'YB-002': {
    fields: [
      name('applicant_name', '参保人姓名'),
      idNo('applicant_id', '参保人身份证号码'),
      {
        name: 'destination',
        label: '就医地（省市县）',
        type: 'text',
        required: true,
        maxLength: 60,
      },
      {
        name: 'reason',
        label: '备案类型',
        type: 'radio',
        required: true,
        options: [
          { value: 'resettled', label: '异地安置退休' },
          { value: 'resident', label: '异地长期居住' },
          { value: 'temporary', label: '临时外出就医' },
        ],
      },
      { name: 'start_date', label: '备案开始日期', type: 'date', required: true },
    ],
    materials: [
      ID_CARD,
      {
        ...material('referral-form', '转诊转院或异地居住证明'),
        when: { field: 'reason', equals: ['resident', 'temporary'] },
      },
    ],
  },
  'RS-001': {
    fields: [
      name('holder_name', '持卡人姓名'),
      {
        name: 'bank',
        label: '选择服务银行',
        type: 'select',
        required: true,
        options: [
          { value: 'icbc', label: '中国工商银行' },
          { value: 'ccb', label: '中国建设银行' },
          { value: 'rcc', label: '贵州农信' },
        ],
      },
      { name: 'guardian_phone', label: '联系电话', type: 'phone', required: true },
      { name: 'by_post', label: '制卡后邮寄到家', type: 'checkbox' },
      {
        name: 'post_address',
        label: '邮寄地址',
        type: 'textarea',
        required: true,
        maxLength: 200,
        personal: true,
        when: { field: 'by_post', equals: ['1'] },
      },
    ],
    materials: [
      material('id-photo', '近期免冠白底证件照片', true, 'JPEG 或 PNG 图片'),
      material('id-card', '居民身份证', false, '已有居民身份证的提交'),
    ],
  },
  'RS-002': {
    fields: [
      name('applicant_name', '申请人姓名'),
      idNo('applicant_id', '申请人身份证号码'),
      { name: 'last_employer', label: '原工作单位', type: 'text', required: true, maxLength: 100 },
      { name: 'separation_date', label: '解除劳动关系日期', type: 'date', required: true },
      BANK(),
    ],
    materials: [ID_CARD, material('separation-proof', '解除或终止劳动关系证明')],
  },
  'MZ-005': {
    fields: [
      name('elder_name', '老年人姓名'),
      idNo('elder_id', '老年人身份证号码'),
      {
        name: 'age_band',
        label: '年龄段',
        type: 'select',
        required: true,
        options: [
          { value: '80', label: '80—89周岁' },
          { value: '90', label: '90—99周岁' },
          { value: '100', label: '100周岁及以上' },
        ],
      },
      BANK('津贴发放银行卡号'),
    ],
    materials: [
      material('old-age-proof', '老年人居民身份证或户口簿'),
      material('agent-id-card', '代办人居民身份证及授权委托书', false, '子女或他人代为申请的提交'),
    ],
  },
  'JY-001': {
    fields: [
      name('child_name', '儿童姓名'),
      idNo('child_id', '儿童身份证号码'),
      name('guardian_name', '监护人姓名'),
      { name: 'guardian_phone', label: '监护人联系电话', type: 'phone', required: true },
      {
        name: 'stage',
        label: '报名学段',
        type: 'radio',
        required: true,
        options: [
          { value: 'primary', label: '小学一年级' },
          { value: 'junior', label: '初中一年级' },
        ],
      },
      {
        name: 'home_address',
        label: '实际居住地址',
        type: 'textarea',
        required: true,
        maxLength: 200,
        personal: true,
      },
    ],
    materials: [
      material('parents-household-register', '父亲或母亲的居民户口簿'),
      material('residence-proof', '合法稳定住所证明（房产证明或租赁合同）'),
    ],
  },
  'SJ-001': {
    fields: [
      {
        name: 'company_name',
        label: '拟设立企业名称',
        type: 'text',
        required: true,
        maxLength: 100,
      },
      {
        name: 'company_type',
        label: '企业类型',
        type: 'select',
        required: true,
        options: [
          { value: 'llc', label: '有限责任公司' },
          { value: 'sole', label: '个人独资企业' },
          { value: 'partnership', label: '合伙企业' },
        ],
      },
      {
        name: 'capital',
        label: '注册资本（万元）',
        type: 'number',
        required: true,
        min: 0,
        max: 10_000_000,
      },
      name('legal_rep', '法定代表人姓名'),
      idNo('legal_rep_id', '法定代表人身份证号码'),
      {
        name: 'business_scope',
        label: '经营范围',
        type: 'textarea',
        required: true,
        maxLength: 1000,
      },
    ],
    materials: [
      material('legal-rep-id', '法定代表人身份证件'),
      material('premises-proof', '住所（经营场所）使用证明'),
      material('articles-of-association', '公司章程', false, '有限责任公司必须提交'),
    ],
  },
  'GJJ-001': {
    fields: [
      name('applicant_name', '职工姓名'),
      idNo('applicant_id', '职工身份证号码'),
      {
        name: 'account_no',
        label: '个人公积金账号',
        type: 'text',
        required: true,
        pattern: '\\d{8,20}',
        patternMessage: '请填写8至20位数字账号',
      },
      {
        name: 'rent_monthly',
        label: '月租金（元）',
        type: 'number',
        required: true,
        min: 1,
        max: 100_000,
      },
      BANK('收款银行卡号'),
    ],
    materials: [ID_CARD, material('rental-contract', '房屋租赁合同（已登记备案）')],
  },
};
