// The relevance test set: what citizens type (colloquial questions too) and
// which demo documents should answer it. A case passes when any of its
// expected documents is among the first three results. Documents are named
// by stable keys, never by a rank: site/slug for the demo content
// (content/demo), services/<code> for the demo service guides (services/demo),
// since for a task-like query the guide is the answer a citizen needs. Where the demo content has no document that answers a query
// fully, the expectation is the nearest honest answer (noted).

export interface RelevanceCase {
  query: string;
  /** 'site/slug' or 'services/<code>' of documents any one of which should be in the top 3. */
  expect: string[];
  note?: string;
}

const yiwu = [
  'services/JY-001',
  'government/yiwu-jiaoyu-zhaosheng-2026',
  'government/yiwu-jiaoyu-zhaosheng-2026-jd',
  'government/yiwu-jiaoyu-zhaosheng-2025',
  'government/yiwu-jiaoyu-zhaosheng-2025-jd',
];
const gongjijin = [
  'services/GJJ-001',
  'government/gongjijin-tiqu-banfa',
  'government/gongjijin-tiqu-banfa-jd',
];
const yibao = [
  'services/YB-001',
  'government/jumin-yibao-2026',
  'government/jumin-yibao-2026-jd',
  'government/jumin-yibao-jizhong-jiaofei-qidong',
];
const gaoling = ['government/gaoling-shineng-butie', 'government/gaoling-shineng-butie-jd'];
const tingche = [
  'government/zhongxin-chengqu-tingche-shoufei',
  'government/zhongxin-chengqu-tingche-shoufei-jd',
];
const jiuye = [
  'services/RS-002',
  'government/wenjiuye-cuzengshou-2026',
  'government/wenjiuye-cuzengshou-2026-jd',
  'government/wengang-kuogang-2025',
  'government/wengang-kuogang-2025-jd',
];
const kaiban = [
  'services/SJ-001',
  'business/qiye-kaiban-yiwang-tongban',
  'invest-en/one-stop-business-registration',
];

export const RELEVANCE_CASES: RelevanceCase[] = [
  {
    query: '怎么办理身份证',
    expect: ['services/GA-002', 'services/GA-003'],
    note: '首次申领 and 换领、补领 of the 居民身份证; 办理 says what the citizen wants, not what the guide is about',
  },
  { query: '孩子上学要什么材料', expect: yiwu },
  { query: '孩子几岁上小学', expect: yiwu },
  { query: '义务教育招生', expect: yiwu },
  { query: '学位够不够', expect: ['government/xinzeng-yiwu-jiaoyu-xuewei-2026'] },
  { query: '公积金提取', expect: gongjijin },
  { query: '公积金怎么取出来', expect: gongjijin },
  { query: '租房提取公积金', expect: gongjijin },
  { query: '居住证怎么办', expect: ['citizens/juzhuzheng-banli-zhinan', 'services/GA-005'] },
  { query: '社保缴费记录查询', expect: ['citizens/shebao-jiaofei-jilu-chaxun'] },
  { query: '社会保险缴费记录', expect: ['citizens/shebao-jiaofei-jilu-chaxun'] },
  { query: '医保什么时候交', expect: yibao },
  { query: '城乡居民医保怎么交', expect: yibao },
  { query: '醫療保險繳費', expect: yibao, note: 'traditional characters' },
  { query: '老人补贴怎么领', expect: gaoling },
  { query: '高龄老人补贴', expect: gaoling },
  { query: '停车多少钱', expect: tingche },
  { query: '停车收费标准', expect: tingche },
  { query: '公交线路调整', expect: ['citizens/gongjiao-xianwang-youhua-2026'] },
  { query: '暑假孩子游泳安全', expect: ['citizens/fangniushui-anquan-tishi'] },
  { query: '防溺水', expect: ['citizens/fangniushui-anquan-tishi'] },
  { query: '过年放鞭炮', expect: ['government/chunjie-yanhua-baozhu-guanli-2026'] },
  { query: '春节烟花爆竹', expect: ['government/chunjie-yanhua-baozhu-guanli-2026'] },
  { query: '国庆哪些路封了', expect: ['government/guoqing-jiaotong-guanzhi-2025'] },
  { query: '国庆交通管制', expect: ['government/guoqing-jiaotong-guanzhi-2025'] },
  { query: '清明祭扫', expect: ['government/qingming-wenming-jisao-2025'] },
  {
    query: '下雨防汛',
    expect: ['government/fangxun-kanghan-2026', 'government/fangxun-kanghan-2026-jd'],
  },
  { query: '失业了怎么办', expect: jiuye },
  {
    query: '找工作',
    expect: [
      ...jiuye,
      'government/chunfeng-xingdong-zhaopinhui-2025',
      'government/shiyedanwei-gongkai-zhaopin-2026',
      'government/zhuanti-wenjiuye',
    ],
  },
  { query: '招聘会', expect: ['government/chunfeng-xingdong-zhaopinhui-2025'] },
  { query: '事业单位招聘', expect: ['government/shiyedanwei-gongkai-zhaopin-2026'] },
  { query: '开个公司要多久', expect: kaiban },
  { query: '营业执照怎么办', expect: kaiban },
  { query: '企业开办', expect: kaiban },
  { query: '个体户有什么优惠', expect: ['business/geti-gongshanghu-fuchi-zhengce'] },
  { query: '个体工商户扶持政策', expect: ['business/geti-gongshanghu-fuchi-zhengce'] },
  { query: '企业信用修复', expect: ['business/qiye-xinyong-xiufu-zhiyin'] },
  {
    query: '买房有补贴吗',
    expect: ['government/zhichi-zhufang-xuqiu', 'government/zhichi-zhufang-xuqiu-jd'],
  },
  {
    query: '高层次人才安家补贴',
    expect: [
      'party/gaocengci-rencai-shenbao-2026',
      'party/gaocengci-rencai-cuoshi',
      'party/gaocengci-rencai-cuoshi-jd',
    ],
  },
  {
    query: '人才引进政策',
    expect: ['party/gaocengci-rencai-cuoshi', 'party/gaocengci-rencai-cuoshi-jd'],
  },
  {
    query: '稳岗扩岗',
    expect: ['government/wengang-kuogang-2025', 'government/wengang-kuogang-2025-jd'],
  },
  {
    query: '辣椒产业扶持',
    expect: ['government/lajiao-chanye-fuchi-2026', 'government/lajiao-chanye-fuchi-2026-jd'],
  },
  {
    query: '辣椒怎么种',
    expect: ['rural/nongshi-tixing-2026-04', 'rural/nongshi-tixing-2026-03'],
    note: 'farming advice, not the subsidy policy',
  },
  { query: '春茶采摘', expect: ['rural/nongshi-tixing-2026-03'] },
  {
    query: '茶产业',
    expect: [
      'cppcc/cha-chanye-zhuanti-diaoyan',
      'invest/touzi-cha-chanye',
      'cppcc/shuangyue-xieshang-2026-07',
    ],
  },
  { query: '高标准农田', expect: ['rural/gaobiaozhun-nongtian-jianshe-2025'] },
  {
    query: '乡村振兴',
    expect: [
      'party/xiangcun-zhenxing-2025',
      'party/xiangcun-zhenxing-2026',
      'party/xiangcun-zhenxing-2026-jd',
    ],
  },
  {
    query: '营商环境',
    expect: ['government/yingshang-huanjing-2026', 'government/yingshang-huanjing-2026-jd'],
  },
  { query: '政府信息公开年报', expect: ['gov/zhengfu-xinxi-gongkai-niandu-baogao-2025'] },
  { query: '好差评', expect: ['portal/hao-cha-ping-2025-niandu', 'gov/hao-cha-ping-2026-yijidu'] },
  { query: '12345热线', expect: ['portal/12345-rexian-shangbannian'] },
  {
    query: '高效办成一件事',
    expect: [
      'government/zhuanti-gaoxiao-banchen-yijianshi',
      'government/gaoxiao-banchen-yijianshi-chuangkou',
    ],
  },
  { query: '结婚登记跨省', expect: ['government/hunyin-dengji-kuasheng-tongban'] },
  { query: '跨省通办', expect: ['government/hunyin-dengji-kuasheng-tongban'] },
  {
    query: '安全生产治本攻坚',
    expect: [
      'government/anquan-shengchan-zhiben-gongjian',
      'government/anquan-shengchan-zhiben-gongjian-jd',
    ],
  },
  { query: '食品安全抽检', expect: ['government/shipin-anquan-choujian-2025'] },
  {
    query: '赤水河保护',
    expect: ['npc/chishuihe-baohu-jueding', 'npc/chishuihe-baohu-jueding-jd'],
  },
  { query: '城市绿化条例', expect: ['npc/chengshi-lvhua-tiaoli', 'npc/chengshi-lvhua-tiaoli-jd'] },
  { query: '提案工作条例', expect: ['cppcc/tian-gongzuo-tiaoli', 'cppcc/tian-gongzuo-tiaoli-jd'] },
  {
    query: '人大代表票决民生实事',
    expect: [
      'npc/minsheng-shishi-piaojue',
      'npc/minsheng-shishi-piaojue-jd',
      'npc/zhuanti-minsheng-shishi-piaojue',
    ],
  },
  { query: '口袋公园', expect: ['government/koudai-gongyuan-shoupi-kaifang'] },
  { query: '时间银行养老', expect: ['government/yanglao-shijian-yinhang-shidian'] },
  { query: '娄山关', expect: ['tourism/lvyou-loushanguan'] },
  { query: '海龙屯', expect: ['tourism/lvyou-hailongtun'] },
  { query: '遵义会议会址', expect: ['tourism/lvyou-zunyi-huiyi-huizhi'] },
  { query: '湄潭茶海', expect: ['tourism/lvyou-meitan-chahai'] },
  { query: '土城古镇', expect: ['tourism/lvyou-tucheng-sidu-chishui'] },
  { query: '仁怀酱香酒', expect: ['tourism/lvyou-renhuai-jiu-wenhua'] },
  {
    query: '文旅消费',
    expect: ['government/cujin-wenlv-xiaofei', 'government/cujin-wenlv-xiaofei-jd'],
  },
  { query: '汽车家电消费补贴', expect: ['government/yiqiang-xiaofei-huodong-2026'] },
  {
    query: '高污染燃料禁燃区',
    expect: ['government/gaowuran-ranliao-jinranqu', 'government/gaowuran-ranliao-jinranqu-jd'],
  },
  { query: '空气质量', expect: ['government/kongqi-zhiliang-youliang-tianshu'] },
  { query: '统计公报', expect: ['portal/tongji-gongbao-2024'] },
  { query: '门户网站改版', expect: ['portal/menhu-quanxin-gaiban-shangxian'] },
  { query: '隐私政策', expect: ['portal/yinsi-zhengce-gengxin-2026'] },
  { query: '政府网站找错', expect: ['portal/wo-wei-zhengfu-wangzhan-zhaocuo'] },
  {
    query: '新能源电池材料',
    expect: ['government/xinnengyuan-cailiao-chanyeyuan-erqi', 'invest/touzi-xinnengyuan-cailiao'],
  },
  {
    query: 'battery materials',
    expect: ['invest-en/battery-materials-cluster', 'invest-en/battery-materials-phase-two'],
  },
  { query: 'Tea Industry', expect: ['invest-en/tea-industry-opportunities'] },
  { query: 'business registration', expect: ['invest-en/one-stop-business-registration'] },
  { query: '遵府发〔2026〕1号', expect: ['government/yingshang-huanjing-2026'] },
  { query: '遵教发[2026]12号', expect: ['government/yiwu-jiaoyu-zhaosheng-2026'] },
  { query: '遵医保发2025年21号', expect: ['government/jumin-yibao-2026'] },
  { query: '遵公积金发〔2025〕6号', expect: ['government/gongjijin-tiqu-banfa'] },
  { query: '行政复议', expect: ['gov/xingzheng-fuyi-anjian-2026'] },
  { query: '重大行政决策', expect: ['government/zhongda-xingzheng-juece-mulu-2026'] },
  { query: '立法计划建议', expect: ['npc/lifa-jihua-zhengqiu-yijian-2026'] },
  { query: '提案线索', expect: ['cppcc/tian-xiansuo-zhengji-2026'] },
  { query: '新蒲大道施工', expect: ['government/xinpu-dadao-fengbi-shigong'] },
  { query: '高铁站公交', expect: ['government/gaotie-zhan-jiebo-gongjiao'] },
  { query: '医共体', expect: ['government/xianyu-yigongti-jianshe'] },
  // The English investment portal: words match by their stems.
  { query: 'registering a company', expect: ['invest-en/one-stop-business-registration'] },
  { query: 'talent policies', expect: ['invest-en/talent-attraction-measures'] },
  {
    query: 'battery material',
    expect: ['invest-en/battery-materials-cluster', 'invest-en/battery-materials-phase-two'],
  },
  { query: 'buying a home', expect: ['invest-en/housing-support-measures'] },
  { query: 'tea industry opportunities', expect: ['invest-en/tea-industry-opportunities'] },
];
