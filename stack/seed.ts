import type { DocumentStore } from './db/store';

/**
 * What a newcomer sees on first start: one district with a 代表之家, two community liaison stations,
 * deputies of several levels attached to them, the appeal categories and the handling departments.
 * The people and places are fictional. Seeding happens once, when `stations` is empty.
 */

const STATIONS = [
  {
    _id: 'station-gulou-home',
    code: 'S0001',
    name: '鼓楼区人大代表之家',
    level: 'district_home',
    address: '福州市鼓楼区东街 88 号',
    location: { latitude: 26.0878, longitude: 119.3032 },
    openingHours: '工作日 9:00–17:00',
    phone: '0591-87510001',
    receptionRule: { kind: 'day_of_month', day: 10, holidayPolicy: 'postpone' },
  },
  {
    _id: 'station-dongjie',
    code: 'S0002',
    name: '东街街道三坊七巷社区人大代表联络站',
    level: 'community_station',
    address: '福州市鼓楼区南后街 12 号',
    location: { latitude: 26.0842, longitude: 119.2961 },
    openingHours: '工作日 8:30–17:30',
    phone: '0591-87520002',
    receptionRule: { kind: 'nth_weekday', weekday: 2, nth: [1, 3], holidayPolicy: 'postpone' },
  },
  {
    _id: 'station-wenquan',
    code: 'S0003',
    name: '温泉街道联络点',
    level: 'contact_point',
    address: '福州市鼓楼区温泉支路 5 号',
    location: { latitude: 26.0915, longitude: 119.3107 },
    openingHours: '每周二、周四 9:00–12:00',
    receptionRule: { kind: 'nth_weekday', weekday: 2, nth: [3], holidayPolicy: 'postpone' },
  },
];

const DEPUTIES = [
  {
    _id: 'deputy-lin',
    code: 'D00001',
    name: '林晓红',
    level: 'city',
    stationId: 'station-gulou-home',
    title: '市人大代表，社区党委书记',
  },
  {
    _id: 'deputy-chen',
    code: 'D00002',
    name: '陈建国',
    level: 'county',
    stationId: 'station-gulou-home',
    title: '区人大代表，退休教师',
  },
  {
    _id: 'deputy-wang',
    code: 'D00003',
    name: '王丽萍',
    level: 'county',
    stationId: 'station-dongjie',
    title: '区人大代表，社区医生',
  },
  {
    _id: 'deputy-zheng',
    code: 'D00004',
    name: '郑志强',
    level: 'provincial',
    stationId: 'station-dongjie',
    title: '省人大代表，企业负责人',
  },
  {
    _id: 'deputy-huang',
    code: 'D00005',
    name: '黄美玲',
    level: 'township',
    stationId: 'station-wenquan',
    title: '街道人大工委委员',
  },
  {
    _id: 'deputy-liu',
    code: 'D00006',
    name: '刘海波',
    level: 'national',
    stationId: 'station-gulou-home',
    title: '全国人大代表',
  },
];

/** Staff of the stations; 周敏 is the development staff identity below. */
const STAFF = [
  { _id: 'staff-zhou', name: '周敏', phone: '13905910001', stationIds: ['station-gulou-home'] },
  { _id: 'staff-xu', name: '许文', phone: '13905910002', stationIds: ['station-dongjie', 'station-wenquan'] },
];

const CATEGORIES = [
  ['road_traffic', '道路交通'],
  ['sanitation', '环境卫生'],
  ['property', '物业管理'],
  ['parking', '停车'],
  ['noise', '噪音扰民'],
  ['greening', '园林绿化'],
  ['utilities', '水电燃气'],
  ['education', '教育'],
  ['health', '医疗卫生'],
  ['elderly', '养老服务'],
  ['social_security', '社会保障'],
  ['safety', '公共安全'],
  ['other', '其他'],
];

const DEPARTMENTS = [
  { _id: 'dept-dongjie-street', name: '东街街道办事处', kind: 'township' },
  { _id: 'dept-wenquan-street', name: '温泉街道办事处', kind: 'township' },
  { _id: 'dept-housing', name: '区住房和城乡建设局', kind: 'city_department' },
  { _id: 'dept-urban-management', name: '区城市管理局', kind: 'city_department' },
  { _id: 'dept-traffic-police', name: '区公安分局交警大队', kind: 'city_department' },
  { _id: 'dept-market', name: '区市场监督管理局', kind: 'city_department' },
  { _id: 'dept-education', name: '区教育局', kind: 'city_department' },
  { _id: 'dept-health', name: '区卫生健康局', kind: 'city_department' },
  { _id: 'dept-city-congress', name: '市人大常委会', kind: 'higher_congress' },
];

/**
 * WeChat identities for development: in local mode the mini-program acts as `devOpenid`
 * (miniprogram/config.ts). `dev-deputy-openid` is bound to 林晓红, so switching devOpenid to it shows
 * the deputy's screens; `dev-resident-openid` is an ordinary resident with no roles.
 */
export const DEV_DEPUTY_OPENID = 'dev-deputy-openid';
/** Staff of the district 代表之家, a liaison of 东街街道办事处 (a handling unit), and the office. */
export const DEV_STAFF_OPENID = 'dev-staff-openid';
export const DEV_UNIT_OPENID = 'dev-unit-openid';
export const DEV_OFFICE_OPENID = 'dev-office-openid';

type SeedRole =
  | { role: 'deputy'; deputyId: string }
  | { role: 'staff'; stationId: string; staffId: string }
  | { role: 'unit'; unitId: string }
  | { role: 'office' };

const USERS: Array<{ _id: string; openid: string; name: string; roles: SeedRole[] }> = [
  {
    _id: DEV_DEPUTY_OPENID,
    openid: DEV_DEPUTY_OPENID,
    name: '林晓红',
    roles: [{ role: 'deputy', deputyId: 'deputy-lin' }],
  },
  {
    _id: DEV_STAFF_OPENID,
    openid: DEV_STAFF_OPENID,
    name: '周敏',
    roles: [{ role: 'staff', stationId: 'station-gulou-home', staffId: 'staff-zhou' }],
  },
  {
    _id: DEV_UNIT_OPENID,
    openid: DEV_UNIT_OPENID,
    name: '吴建平',
    roles: [{ role: 'unit', unitId: 'dept-dongjie-street' }],
  },
  { _id: DEV_OFFICE_OPENID, openid: DEV_OFFICE_OPENID, name: '何静', roles: [{ role: 'office' }] },
];

export function seedIfEmpty(store: DocumentStore, clock: () => number): boolean {
  if (store.count('stations', {}) > 0) return false;
  const createdAt = clock();
  store.insert(
    'stations',
    STATIONS.map((s) => ({ ...s, active: true, createdAt })),
  );
  store.insert(
    'deputies',
    DEPUTIES.map((d) => ({
      ...d,
      photoFileID: null,
      active: true,
      openid: USERS.find((u) => u.roles.some((r) => 'deputyId' in r && r.deputyId === d._id))?.openid ?? null,
      createdAt,
    })),
  );
  store.insert(
    'staff',
    STAFF.map((s) => ({
      ...s,
      active: true,
      openid: USERS.find((u) => u.roles.some((r) => 'staffId' in r && r.staffId === s._id))?.openid ?? null,
      createdAt,
    })),
  );
  store.insert(
    'users',
    USERS.map((u) => ({ ...u, createdAt })),
  );
  store.insert(
    'categories',
    CATEGORIES.map(([key, name], order) => ({ _id: key, key, name, order, active: true })),
  );
  store.insert(
    'departments',
    DEPARTMENTS.map((d) => ({ ...d, active: true, createdAt })),
  );
  return true;
}
