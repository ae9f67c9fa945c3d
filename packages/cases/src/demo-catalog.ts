import type { Urgency } from './case-model.ts';
import type { Category } from './category-tree.ts';
import type { Department } from './department-tree.ts';
import type { Duration, TimeLimit } from './time-limit.ts';

const h = (amount: number): Duration => ({ unit: 'hours', amount });
const wd = (amount: number): Duration => ({ unit: 'working_days', amount });
const limit = (sign: Duration, finish: Duration): TimeLimit => ({ sign, finish });

/** Tree-wide defaults: normal 1 working day to sign / 5 to finish; urgent 2 h / 24 h; critical 0.5 h / 4 h. */
export const DEMO_DEFAULT_LIMITS: Record<Urgency, TimeLimit> = {
  normal: limit(wd(1), wd(5)),
  urgent: limit(h(2), h(24)),
  critical: limit(h(0.5), h(4)),
};

type Row = [
  code: string,
  name: string,
  nameEn: string,
  keywords?: string,
  limits?: Partial<Record<Urgency, TimeLimit>>,
];

/** A city-management (12319/12345) category tree: 大类 (2 digits) → 中类 (4) → 小类 (6); a child's code extends its parent's. */
const ROWS: Row[] = [
  ['01', '市容环境', 'City appearance'],
  ['0101', '环境卫生', 'Sanitation'],
  ['010101', '垃圾清运不及时', 'Rubbish not collected', '垃圾,没人收,垃圾桶满'],
  ['010102', '道路保洁', 'Street cleaning', '扫地,路脏'],
  ['010103', '公厕管理', 'Public toilets', '厕所,公厕'],
  ['0102', '违法建设', 'Illegal construction', undefined, { normal: limit(wd(1), wd(13)) }],
  ['010201', '违章搭建', 'Unauthorised structures', '违建,搭建,加盖'],
  ['010202', '占用公共空间', 'Encroachment on public space', '占道,占用'],
  ['0103', '户外广告', 'Outdoor advertising', undefined, { normal: limit(wd(1), wd(10)) }],
  ['010301', '违规广告牌', 'Illegal billboards', '广告牌,招牌'],
  ['010302', '小广告张贴', 'Fly-posting', '牛皮癣,小广告'],
  ['02', '市政设施', 'Municipal facilities'],
  ['0201', '道路', 'Roads', undefined, { normal: limit(wd(1), wd(7)) }],
  ['020101', '路面破损', 'Damaged road surface', '坑,路坏了,塌陷'],
  ['020102', '井盖缺失', 'Missing manhole cover', '井盖', { normal: limit(h(1), h(4)), urgent: limit(h(0.5), h(2)) }],
  ['0202', '路灯', 'Street lights'],
  ['020201', '路灯不亮', 'Street light out', '路灯,不亮,黑'],
  ['020202', '灯杆倾斜', 'Leaning lamp post', '灯杆'],
  ['0203', '排水', 'Drainage'],
  ['020301', '积水内涝', 'Flooding', '积水,淹水,内涝', { normal: limit(h(2), h(24)) }],
  ['020302', '下水道堵塞', 'Blocked drain', '堵塞,下水道,返水'],
  ['03', '供水', 'Water supply'],
  ['0301', '停水', 'Supply interruption'],
  ['030101', '突发停水', 'Unplanned interruption', '停水,没水,断水', { normal: limit(h(1), h(24)) }],
  ['030102', '计划停水咨询', 'Planned interruption enquiry', '计划停水,什么时候来水'],
  ['0302', '水质', 'Water quality'],
  ['030201', '水质浑浊', 'Discoloured water', '黄水,浑浊,有味'],
  ['0303', '管网', 'Mains and meters'],
  [
    '030301',
    '爆管漏水',
    'Burst main / leak',
    '爆管,漏水,冒水',
    { normal: limit(h(1), h(24)), urgent: limit(h(0.5), h(8)) },
  ],
  ['030302', '水表故障', 'Faulty meter', '水表'],
  ['04', '噪声与污染', 'Noise and pollution', undefined, { normal: limit(wd(1), wd(13)) }],
  ['0401', '噪声', 'Noise'],
  ['040101', '施工噪声', 'Construction noise', '施工,夜间施工,吵'],
  ['040102', '社会生活噪声', 'Neighbourhood noise', '广场舞,噪音'],
  ['0402', '油烟', 'Cooking fumes'],
  ['040201', '餐饮油烟', 'Restaurant fumes', '油烟,排烟'],
  ['05', '园林绿化', 'Parks and greenery'],
  ['0501', '树木', 'Trees'],
  ['050101', '树木倒伏', 'Fallen tree', '树倒了,断枝', { normal: limit(h(2), h(24)) }],
  ['050102', '绿化修剪', 'Pruning', '修剪,挡光'],
  ['06', '政策咨询', 'Policy enquiries'],
  ['0601', '城管政策', 'City-management policy'],
  ['060101', '执法程序咨询', 'Enforcement procedure', '怎么处罚,执法'],
];

export const DEMO_CATEGORIES: Category[] = ROWS.map(([code, name, nameEn, keywords, limits]) => ({
  code,
  parentCode: code.length > 2 ? code.slice(0, -2) : null,
  name,
  nameEn,
  keywords: keywords ? keywords.split(',') : [],
  timeLimits: limits ?? {},
  active: true,
}));

const id = (n: number) => `d0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

type DeptRow = [
  n: number,
  parent: number | null,
  code: string,
  name: string,
  kind: Department['kind'],
  region: string | null,
];
const DEPTS: DeptRow[] = [
  [1, null, 'CENTER', '12319城建热线中心', 'center', null],
  [10, null, 'DC', '东城区人民政府', 'district', '330102'],
  [11, 10, 'DC-HP', '东城区和平街道', 'street', '330102001'],
  [12, 10, 'DC-XH', '东城区新华街道', 'street', '330102002'],
  [20, null, 'XC', '西城区人民政府', 'district', '330103'],
  [21, 20, 'XC-CB', '西城区城北街道', 'street', '330103001'],
  [40, null, 'CGJ', '市城市管理局', 'city', '330100'],
  [41, 40, 'CGJ-DC', '东城区城管执法大队', 'unit', '330102'],
  [42, 41, 'CGJ-DC-1', '东城区城管执法大队一中队', 'unit', '330102'],
  [43, 40, 'CGJ-XC', '西城区城管执法大队', 'unit', '330103'],
  [50, null, 'WATER', '市水务集团', 'city', '330100'],
  [51, 50, 'WATER-E', '东部供水分公司', 'unit', '330102'],
  [60, null, 'ZJJ', '市住房和城乡建设局', 'city', '330100'],
  [70, null, 'HBJ', '市生态环境局', 'city', '330100'],
  [80, null, 'JTJ', '市交通运输局', 'city', '330100'],
];

/**
 * Demo org tree, aligned with the codes of the foundation demo (apps/hotline/src/demo.ts): the center,
 * city departments with their district units, districts (兜底 by region) and their streets.
 */
export const DEMO_DEPARTMENTS: Department[] = DEPTS.map(([n, parent, code, name, kind, region]) => ({
  id: id(n),
  parentId: parent === null ? null : id(parent),
  code,
  name,
  kind,
  regionCode: region,
  active: true,
}));

export function demoDepartment(code: string): Department {
  const d = DEMO_DEPARTMENTS.find((x) => x.code === code);
  if (!d) throw new Error(`no demo department ${code}`);
  return d;
}

/** District names by region code, for addresses and the region dimension of reports. */
export const DEMO_REGIONS: Record<string, string> = { '330102': '东城区', '330103': '西城区' };
