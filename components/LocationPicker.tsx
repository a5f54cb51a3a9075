/**
 * Country → state → city, each searchable, fed by the location endpoints (getCityCountries, then
 * searchStates for the country, then searchCities for the state). A narrower pick is offered only once
 * the wider one is made, and cleared when the wider one changes.
 */
import { useMemo } from 'preact/hooks';
import { t } from '../lib/i18n.ts';
import { useCachedList } from '../lib/ui/hooks.ts';
import type { CachedListState } from '../lib/ui/watch.ts';
import { regionName } from '../lib/ui/region.ts';
import { SearchSelect, type SelectOption } from './SearchSelect.tsx';

export interface Location {
  /** Two-letter code, uppercase. */
  country?: string;
  state?: string;
  city?: string;
}

export interface LocationPickerProps {
  value: Location;
  onChange: (value: Location) => void;
  /** Offer the city picker (the gateway and ip/v3 both take one). Default true. */
  withCity?: boolean;
}

/** The three pickers; `onChange` gets the whole new location. */
export function LocationPicker({ value, onChange, withCity = true }: LocationPickerProps) {
  const countries = useCachedList('getCityCountries', {});
  const options = useMemo(() => {
    return (countries.data ?? [])
      .map((country): SelectOption => {
        const code = country.country_code.toUpperCase();
        return { value: code, label: `${regionName(code, country.name_en || code)} (${code})` };
      })
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [countries.data]);

  return (
    <div class="location-picker">
      <SearchSelect
        label={t('ui_country')}
        anyLabel={countries.error ? countries.error.message : t('ui_anyCountry')}
        options={options}
        value={value.country}
        onChange={(country) => onChange({ country })}
      />
      {value.country && <StatePicker country={value.country} value={value.state} onChange={(state) => onChange({ country: value.country, state })} />}
      {withCity && value.country && value.state && <CityPicker country={value.country} state={value.state} value={value.city} onChange={(city) => onChange({ ...value, city })} />}
    </div>
  );
}

interface NamePickerProps {
  value?: string;
  onChange: (value: string | undefined) => void;
}

function StatePicker({ country, ...props }: NamePickerProps & { country: string }) {
  return <NameSelect list={useCachedList('searchStates', { countryCode: country })} label={t('ui_state')} anyLabel={t('ui_anyState')} {...props} />;
}

function CityPicker({ country, state, ...props }: NamePickerProps & { country: string; state: string }) {
  return <NameSelect list={useCachedList('searchCities', { countryCode: country, state })} label={t('ui_city')} anyLabel={t('ui_anyCity')} {...props} />;
}

/** A picker over a list of names (states of a country, cities of a state), with its loading and error text. */
function NameSelect({ list, label, anyLabel, value, onChange }: NamePickerProps & { list: CachedListState<string[]>; label: string; anyLabel: string }) {
  const options = useMemo(() => (list.data ?? []).map((entry) => ({ value: entry, label: entry })), [list.data]);
  const status = list.error ? list.error.message : list.data === undefined ? t('ui_loading') : options.length === 0 ? t('ui_noChoices') : anyLabel;
  return <SearchSelect label={label} anyLabel={status} options={options} value={value} onChange={onChange} disabled={list.data === undefined && !list.error} />;
}
