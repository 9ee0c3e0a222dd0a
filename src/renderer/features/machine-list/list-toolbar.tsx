import { type KeyboardEvent, type RefObject, useId, useState } from 'react';

import { CLOUDS } from '../../../shared/clouds';
import { Icon } from '../../components/icons';
import {
  type GroupBy,
  type KindFilter,
  type ListFacets,
  type ListQuery,
  type SortKey,
  type StateFilter,
  type StatusCounts,
  type StatusFilter,
  hasActiveFilters,
} from '../../model/machine-query';
import { formatCount } from '../../model/numbers';

const STATUS_CHIPS: ReadonlyArray<readonly [StatusFilter, string]> = [
  ['all', 'All'],
  ['ready', 'Ready'],
  ['warnings', 'Warnings'],
  ['blocked', 'Blocked'],
  ['no-access', 'No access'],
];

const STATE_OPTIONS: ReadonlyArray<readonly [StateFilter, string]> = [
  ['all', 'Any state'],
  ['running', 'Running'],
  ['stopped', 'Stopped'],
  ['deallocated', 'Deallocated'],
  ['transitioning', 'Starting or stopping'],
  ['arc-connected', 'Arc: connected'],
  ['arc-offline', 'Arc: disconnected or expired'],
  ['unknown', 'Unknown'],
];

const SORT_OPTIONS: ReadonlyArray<readonly [SortKey, string]> = [
  ['name', 'Name'],
  ['status', 'Readiness'],
  ['state', 'State'],
  ['subscription', 'Subscription'],
  ['resourceGroup', 'Resource group'],
  ['location', 'Location'],
  ['kind', 'Kind'],
];

interface ListToolbarProps {
  readonly query: ListQuery;
  readonly facets: ListFacets;
  readonly counts: StatusCounts;
  readonly total: number;
  readonly shown: number;
  readonly listId: string;
  readonly activeRowId: string | undefined;
  readonly searchRef: RefObject<HTMLInputElement | null>;
  readonly onQuery: (patch: Partial<ListQuery>) => void;
  readonly onClearFilters: () => void;
  readonly onSearchKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
  /** A tenant's name where an account knows it, else a short id. */
  readonly tenantLabel: (tenantId: string) => string;
}

/**
 * Search and filters. The search box is a combobox that controls the list: arrow keys move through the machines
 * while typing continues, and screen readers follow the active row through aria-activedescendant.
 */
export function ListToolbar(props: ListToolbarProps) {
  const { query, facets, counts } = props;
  const ids = useId();
  const active = hasActiveFilters(query);
  const [expanded, setExpanded] = useState(active);
  const activeCount = [query.kind, query.state, query.tenant, query.subscription, query.cloud].filter((value) => value !== 'all').length;
  const select = <T extends string>(label: string, key: keyof ListQuery, value: T, options: ReadonlyArray<readonly [string, string]>) => (
    <label className="filter">
      <span className="filter-label">{label}</span>
      <select value={value} onChange={(event) => props.onQuery({ [key]: event.target.value })}>
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  const groupOptions: Array<readonly [GroupBy, string]> = [
    ['none', 'No grouping'],
    ['subscription', 'Subscription'],
    ['resourceGroup', 'Resource group'],
    ...facets.tagKeys.map((key) => [`tag:${key}` as GroupBy, `Tag: ${key}`] as const),
  ];
  return (
    <div className="list-toolbar">
      <div className="search-row">
        <div className="search-box">
          <Icon name="search" size={16} className="search-icon" />
          <input
            ref={props.searchRef}
            type="text"
            role="combobox"
            aria-expanded="true"
            aria-controls={props.listId}
            aria-activedescendant={props.activeRowId}
            aria-autocomplete="list"
            aria-describedby={`${ids}-hint`}
            aria-label="Search machines"
            placeholder="Search name, computer name, FQDN, tag, subscription, resource group…"
            autoComplete="off"
            spellCheck={false}
            value={query.text}
            onChange={(event) => props.onQuery({ text: event.target.value })}
            onKeyDown={props.onSearchKeyDown}
          />
          <span id={`${ids}-hint`} className="sr-only">
            Use the up and down arrow keys to move through the machines, Enter to connect.
          </span>
        </div>
        <span className="count muted" data-testid="machine-count">
          {formatCount(props.shown)} of {formatCount(props.total)} machines
        </span>
      </div>
      <div className="toolbar-row">
        <div className="chips" role="group" aria-label="Filter by readiness">
          {STATUS_CHIPS.map(([value, text]) => (
            <button
              key={value}
              type="button"
              className={`chip chip-${value}`}
              aria-pressed={query.status === value}
              onClick={() => props.onQuery({ status: value })}
            >
              {text} <span className="chip-count">{formatCount(counts[value])}</span>
            </button>
          ))}
        </div>
        <div className="view-controls">
          {select<SortKey>('Sort', 'sort', query.sort, SORT_OPTIONS)}
          <button
            type="button"
            className="icon-button"
            aria-label={query.descending ? 'Sorted descending; sort ascending' : 'Sorted ascending; sort descending'}
            title={query.descending ? 'Descending' : 'Ascending'}
            onClick={() => props.onQuery({ descending: !query.descending })}
          >
            <Icon name={query.descending ? 'down' : 'up'} />
          </button>
          {select<GroupBy>('Group', 'group', query.group, groupOptions)}
          <button type="button" className="ghost" aria-expanded={expanded} aria-controls={`${ids}-filters`} onClick={() => setExpanded(!expanded)}>
            Filters{activeCount > 0 ? ` (${activeCount})` : ''}
          </button>
        </div>
      </div>
      {expanded ? (
        <div className="filters" id={`${ids}-filters`}>
          {select<KindFilter>('Kind', 'kind', query.kind, [
            ['all', 'VMs and Arc'],
            ['azure-vm', 'Azure VMs'],
            ['arc-server', 'Arc servers'],
          ])}
          {select<StateFilter>('State', 'state', query.state, STATE_OPTIONS)}
          {select('Tenant', 'tenant', query.tenant, [
            ['all', 'All tenants'],
            ...facets.tenants.map(({ id }) => [id, props.tenantLabel(id)] as const),
          ])}
          {select('Subscription', 'subscription', query.subscription, [
            ['all', 'All subscriptions'],
            ...facets.subscriptions.map(({ id, label }) => [id, label] as const),
          ])}
          {select('Cloud', 'cloud', query.cloud, [['all', 'All clouds'], ...facets.clouds.map((cloud) => [cloud, CLOUDS[cloud].displayName] as const)])}
          {active ? (
            <button type="button" className="ghost" onClick={props.onClearFilters}>
              Clear filters
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
