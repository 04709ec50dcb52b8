// The demo guides that can be applied for online (online_depth 'apply' or
// 'full'); the online application forms are written for exactly these. A test
// keeps this list equal to the demo catalog.
export const DEMO_ONLINE_SERVICE_CODES = [
  'GA-001', // 新生儿出生登记（落户）
  'GA-006', // 无犯罪记录证明开具
  'WJ-002', // 生育登记
  'YB-001', // 城乡居民基本医疗保险参保登记
  'YB-002', // 异地就医备案
  'RS-001', // 社会保障卡申领
  'RS-002', // 失业保险金申领
  'MZ-005', // 高龄津贴申领
  'JY-001', // 义务教育阶段新生入学报名
  'SJ-001', // 企业设立登记
  'GJJ-001', // 住房公积金提取（租房）
] as const;
