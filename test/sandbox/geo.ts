// Countries, states and cities offered for dynamic extraction. State and city values are codes as the
// gateway username takes them (lowercase, no spaces); a state with an empty city list has no city targeting.

export interface Country {
  code: string;
  en: string;
  zh: string;
  continent: string;
  states: Readonly<Record<string, readonly string[]>>;
}

export const COUNTRIES: readonly Country[] = [
  {
    code: 'US', en: 'United States', zh: '美国', continent: 'NA',
    states: {
      california: ['losangeles', 'sanfrancisco', 'sandiego', 'sanjose', 'sacramento', 'fresno'],
      texas: ['houston', 'dallas', 'austin', 'sanantonio', 'elpaso'],
      newyork: ['newyorkcity', 'buffalo', 'rochester', 'albany'],
      florida: ['miami', 'orlando', 'tampa', 'jacksonville'],
      illinois: ['chicago', 'springfield', 'naperville'],
      washington: ['seattle', 'spokane', 'tacoma'],
      georgia: ['atlanta', 'savannah'],
      pennsylvania: ['philadelphia', 'pittsburgh'],
      ohio: ['columbus', 'cleveland', 'cincinnati'],
      arizona: ['phoenix', 'tucson'],
      massachusetts: ['boston', 'cambridge'],
      colorado: ['denver', 'boulder'],
      nevada: ['lasvegas', 'reno'],
      virginia: ['richmond', 'virginiabeach'],
      michigan: ['detroit', 'grandrapids'],
      northcarolina: ['charlotte', 'raleigh'],
      oregon: ['portland'],
      utah: ['saltlakecity'],
      alaska: [],
      wyoming: [],
    },
  },
  {
    code: 'GB', en: 'United Kingdom', zh: '英国', continent: 'EU',
    states: { england: ['london', 'manchester', 'birmingham', 'liverpool'], scotland: ['edinburgh', 'glasgow'], wales: ['cardiff'], northernireland: [] },
  },
  {
    code: 'DE', en: 'Germany', zh: '德国', continent: 'EU',
    states: { berlin: ['berlin'], bavaria: ['munich', 'nuremberg'], hesse: ['frankfurt'], hamburg: ['hamburg'], saxony: ['leipzig', 'dresden'] },
  },
  {
    code: 'FR', en: 'France', zh: '法国', continent: 'EU',
    states: { iledefrance: ['paris'], provencealpescotedazur: ['marseille', 'nice'], auvergnerhonealpes: ['lyon'] },
  },
  { code: 'NL', en: 'Netherlands', zh: '荷兰', continent: 'EU', states: { northholland: ['amsterdam'], southholland: ['rotterdam', 'thehague'] } },
  { code: 'IT', en: 'Italy', zh: '意大利', continent: 'EU', states: { lazio: ['rome'], lombardy: ['milan'], campania: ['naples'] } },
  { code: 'ES', en: 'Spain', zh: '西班牙', continent: 'EU', states: { madrid: ['madrid'], catalonia: ['barcelona'], andalusia: ['seville', 'malaga'] } },
  { code: 'RU', en: 'Russia', zh: '俄罗斯', continent: 'EU', states: { moscow: ['moscow'], saintpetersburg: ['saintpetersburg'], novosibirskoblast: ['novosibirsk'] } },
  { code: 'TR', en: 'Turkey', zh: '土耳其', continent: 'AS', states: { istanbul: ['istanbul'], ankara: ['ankara'], izmir: [] } },
  {
    code: 'JP', en: 'Japan', zh: '日本', continent: 'AS',
    states: { tokyo: ['tokyo', 'shinjuku'], osaka: ['osaka'], kanagawa: ['yokohama', 'kawasaki'], aichi: ['nagoya'], fukuoka: ['fukuoka'] },
  },
  { code: 'KR', en: 'South Korea', zh: '韩国', continent: 'AS', states: { seoul: ['seoul'], busan: ['busan'], incheon: ['incheon'] } },
  { code: 'HK', en: 'Hong Kong', zh: '中国香港', continent: 'AS', states: { hongkong: ['hongkong'] } },
  { code: 'SG', en: 'Singapore', zh: '新加坡', continent: 'AS', states: { singapore: ['singapore'] } },
  {
    code: 'IN', en: 'India', zh: '印度', continent: 'AS',
    states: { maharashtra: ['mumbai', 'pune'], delhi: ['newdelhi'], karnataka: ['bengaluru'], tamilnadu: ['chennai'], westbengal: ['kolkata'] },
  },
  { code: 'ID', en: 'Indonesia', zh: '印度尼西亚', continent: 'AS', states: { jakarta: ['jakarta'], westjava: ['bandung', 'bekasi'], eastjava: ['surabaya'] } },
  { code: 'VN', en: 'Vietnam', zh: '越南', continent: 'AS', states: { hanoi: ['hanoi'], hochiminh: ['hochiminhcity'], danang: ['danang'] } },
  { code: 'TH', en: 'Thailand', zh: '泰国', continent: 'AS', states: { bangkok: ['bangkok'], chiangmai: ['chiangmai'] } },
  { code: 'PH', en: 'Philippines', zh: '菲律宾', continent: 'AS', states: { metromanila: ['manila', 'quezoncity'], cebu: ['cebucity'] } },
  { code: 'BR', en: 'Brazil', zh: '巴西', continent: 'SA', states: { saopaulo: ['saopaulo', 'campinas'], riodejaneiro: ['riodejaneiro'], minasgerais: ['belohorizonte'], bahia: [] } },
  { code: 'MX', en: 'Mexico', zh: '墨西哥', continent: 'NA', states: { mexicocity: ['mexicocity'], jalisco: ['guadalajara'], nuevoleon: ['monterrey'] } },
  { code: 'CA', en: 'Canada', zh: '加拿大', continent: 'NA', states: { ontario: ['toronto', 'ottawa'], quebec: ['montreal'], britishcolumbia: ['vancouver'], alberta: ['calgary'] } },
  { code: 'AU', en: 'Australia', zh: '澳大利亚', continent: 'OC', states: { newsouthwales: ['sydney'], victoria: ['melbourne'], queensland: ['brisbane'] } },
];

const BY_CODE = new Map(COUNTRIES.map((country) => [country.code, country]));

/** Case-insensitive lookup: clients send "us" as often as "US". */
export function findCountry(code: string): Country | undefined {
  return BY_CODE.get(code.toUpperCase());
}

/** Stock of static IPs on sale per country: residential (isp=1) and datacenter (isp=0) differ. */
export const STATIC_REGIONS: Readonly<Record<'1' | '0', readonly { code: string; number: number }[]>> = {
  '1': [
    { code: 'US', number: 55 }, { code: 'GB', number: 23 }, { code: 'DE', number: 18 }, { code: 'JP', number: 12 },
    { code: 'CA', number: 9 }, { code: 'FR', number: 7 }, { code: 'AU', number: 4 }, { code: 'BR', number: 0 },
  ],
  '0': [
    { code: 'US', number: 120 }, { code: 'HK', number: 40 }, { code: 'SG', number: 35 }, { code: 'DE', number: 30 },
    { code: 'JP', number: 25 }, { code: 'GB', number: 20 }, { code: 'NL', number: 15 },
  ],
};
