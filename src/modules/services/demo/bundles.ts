// The demo 一件事 bundles, coordinated by the government services bureau.
export interface DemoBundle {
  code: string;
  name: string;
  summary: string;
  /** A life event, or an enterprise stage for an enterprise's 一件事. */
  lifeEvent: string;
  services: string[];
}

export const demoBundles: DemoBundle[] = [
  {
    code: 'YJS-001',
    name: '新生儿出生“一件事”',
    summary:
      '孩子出生后要办的出生医学证明、户口登记、医保参保和社保卡申领，一次告知、一表填报、材料只交一次。',
    lifeEvent: 'birth',
    services: ['WJ-001', 'GA-001', 'YB-001', 'RS-001'],
  },
  {
    code: 'YJS-002',
    name: '企业开办“一件事”',
    summary: '营业执照、公章刻制、社保登记和公积金缴存登记合并办理，一日办结。',
    lifeEvent: 'opening',
    services: ['SJ-001', 'GA-101', 'RS-101', 'GJJ-003'],
  },
  {
    code: 'YJS-003',
    name: '身后“一件事”',
    summary: '亲人离世后的死亡证明、户口注销、丧葬补助和殡葬补贴，一个窗口联办。',
    lifeEvent: 'after-death',
    services: ['WJ-004', 'GA-007', 'RS-007', 'MZ-006'],
  },
];
