// IP extraction (ip/v3) and the location lists that feed its country, state and city pickers.
import { COUNTRIES, findCountry, type Country } from '../geo.ts';
import { Checker } from '../validate.ts';
import { REJECTIONS, invalid, ok, reject, type Route, type RouteTable } from './route.ts';

const LINE_BREAKS = { '1': '\r\n', '2': '\n', '3': '\r', '4': '\t' } as const;

const extractIps: Route = {
  method: 'GET',
  envelope: 'code200-msg',
  needsVerified: true,
  handle({ params, key, state }) {
    const check = new Checker(params);
    const cc = check.string('cc', { max: 8 });
    const region = check.string('state', { max: 64 });
    const city = check.string('city', { max: 64 });
    const format = check.oneOf('format', ['json', 'txt']) ?? 'json';
    const lb = check.oneOf('lb', ['1', '2', '3', '4']) ?? '1';
    const num = check.integer('num', { min: 1, max: 500 }) ?? 10;
    check.integer('life', { min: 1, max: 1440 });
    check.string('ep', { max: 16 });
    if (cc === undefined && (region !== undefined || city !== undefined)) check.fail('cc', '指定州/省或城市时必须指定国家或地区');
    if (check.failed) return invalid(check);
    if (cc !== undefined) {
      const country = findCountry(cc);
      if (!country) return reject(REJECTIONS.regionUnsupported, cc);
      const states = region === undefined ? Object.keys(country.states) : [region.toLowerCase()];
      const cities = states.flatMap((name) => country.states[name] ?? []);
      if (region !== undefined && !(region.toLowerCase() in country.states)) return reject(REJECTIONS.regionNoStock, region);
      if (city !== undefined && !cities.includes(city.toLowerCase())) return reject(REJECTIONS.regionNoStock, city);
    }
    const ips = key.extract(num);
    if (format === 'txt') return { kind: 'text', body: ips.join(LINE_BREAKS[lb]) };
    return ok({ list: state.ipListShape === 'nested' ? [ips] : ips });
  },
};

/** Every country as the location lists give it, with its `items`, which name the continent and the country again. */
function locationList(items: (country: Country, where: { continent_code: string; country_code: string }) => object[]) {
  return COUNTRIES.map((country) => {
    const where = { continent_code: country.continent, country_code: country.code };
    return { name_zh_cn: country.zh, name_en: country.en, ...where, items: items(country, where) };
  });
}

// Location lists are static: build them once.
const CITY_LIST = locationList((country, where) =>
  Object.entries(country.states).flatMap(([state, cities]) => (cities.length > 0 ? cities : [null]).map((city) => ({ state, city, ...where }))),
);

const STATE_LIST = locationList((country, where) => Object.keys(country.states).map((state) => ({ state, ...where })));

const cityList: Route = { method: 'GET', envelope: 'code200-msg', needsVerified: true, handle: () => ok({ list: CITY_LIST }) };
const stateList: Route = { method: 'GET', envelope: 'code200-msg', needsVerified: true, handle: () => ok({ list: STATE_LIST }) };

const stateSearch: Route = {
  method: 'GET',
  envelope: 'code200-msg',
  needsVerified: true,
  handle({ params }) {
    const check = new Checker(params);
    const cc = check.string('country_code', { required: true });
    if (check.failed || cc === undefined) return invalid(check);
    const country = findCountry(cc);
    return ok({ list: country ? Object.keys(country.states) : [] });
  },
};

const citySearch: Route = {
  method: 'GET',
  envelope: 'code200-msg',
  needsVerified: true,
  handle({ params }) {
    const check = new Checker(params);
    const cc = check.string('country_code', { required: true });
    const state = check.string('state', { required: true });
    if (check.failed || cc === undefined || state === undefined) return invalid(check);
    return ok({ list: [...(findCountry(cc)?.states[state.toLowerCase()] ?? [])] });
  },
};

export const EXTRACTION_ROUTES: RouteTable = [
  ['ip/v3', extractIps],
  ['ip/dynamic-citys', cityList],
  ['ip/dynamic-states', stateList],
  ['ip/dynamic-citys/search', citySearch],
  ['ip/dynamic-states/search', stateSearch],
];
