/**
 * Country → state → city, each searchable, fed by the location endpoints (getCityCountries, then
 * searchStates for the country, then searchCities for the state). A narrower pick is offered only once
 * the wider one is made, and cleared when the wider one changes. A list that cannot be loaded is said
 * beside its field, with a retry; the field itself keeps offering "any".
 */
import { useId, useMemo } from 'preact/hooks';
import { t } from '../lib/shared/i18n.ts';
import { useCachedList } from '../lib/ui/hooks.ts';
import type { CachedListState } from '../lib/ui/watch.ts';
import { regionName } from '../lib/ui/region.ts';
import { SearchSelect, type SelectOption } from './SearchSelect.tsx';
import { ErrorState } from './States.tsx';

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
      <LocationField list={countries} options={options} label={t('ui_country')} anyLabel={t('ui_anyCountry')} failure={t('ui_countriesFailed')} value={value.country} onChange={(country) => onChange({ country })} />
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
  return <NameSelect list={useCachedList('searchStates', { countryCode: country })} label={t('ui_state')} anyLabel={t('ui_anyState')} failure={t('ui_statesFailed')} {...props} />;
}

function CityPicker({ country, state, ...props }: NamePickerProps & { country: string; state: string }) {
  return <NameSelect list={useCachedList('searchCities', { countryCode: country, state })} label={t('ui_city')} anyLabel={t('ui_anyCity')} failure={t('ui_citiesFailed')} {...props} />;
}

type LocationList<T> = CachedListState<T> & { reload(): void };

interface LocationFieldProps<T> extends NamePickerProps {
  list: LocationList<T>;
  options: readonly SelectOption[];
  label: string;
  anyLabel: string;
  /** What could not be loaded ("The countries could not be loaded."), before the reason. */
  failure: string;
}

/** A picker over a list of names (states of a country, cities of a state). */
function NameSelect({ list, ...props }: Omit<LocationFieldProps<string[]>, 'options'>) {
  const options = useMemo(() => (list.data ?? []).map((entry) => ({ value: entry, label: entry })), [list.data]);
  return <LocationField list={list} options={options} {...props} />;
}

/**
 * One of the pickers: "Loading…" or "None to choose from" in the field while it has no choices, and a
 * failure beside it (announced, with a retry) while its list could not be loaded.
 */
function LocationField<T>({ list, options, label, anyLabel, failure, value, onChange }: LocationFieldProps<T>) {
  const errorId = useId();
  const failed = list.data === undefined ? list.error : undefined;
  const loading = list.data === undefined && !failed;
  const emptyText = loading ? t('ui_loading') : !failed && options.length === 0 ? t('ui_noChoices') : anyLabel;
  return (
    <div class="location-field">
      <SearchSelect label={label} anyLabel={emptyText} options={options} value={value} onChange={onChange} disabled={loading} describedBy={failed && errorId} />
      {failed && (
        <div id={errorId}>
          <ErrorState error={{ message: `${failure} ${failed.message}` }} onRetry={list.reload} />
        </div>
      )}
    </div>
  );
}
