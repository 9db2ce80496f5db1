import { useEffect, useState } from 'react';
import { Flex, SearchField, ToggleButton } from '@backstage/ui';
import {
  AttentionLevel,
  CONCERNS,
  OVERVIEW_Q_MAX_LENGTH,
  OverviewFilters,
} from '@dataplatform/plugin-overview-common';
import { CaptionedToggleButtonGroup } from '@dataplatform/portal-react';
import { CONCERN_LABELS } from '../concerns';

type AttentionChoice = 'all' | 'attention' | 'critical' | 'other';

const NEEDS_ATTENTION: AttentionLevel[] = ['critical', 'warning'];

function attentionChoice(levels?: AttentionLevel[]): AttentionChoice {
  const key = (levels ?? []).join(',');
  if (key === '') return 'all';
  if (key === NEEDS_ATTENTION.join(',')) return 'attention';
  if (key === 'critical') return 'critical';
  return 'other';
}

const CHOICE_LEVELS: Record<
  Exclude<AttentionChoice, 'other'>,
  AttentionLevel[] | undefined
> = {
  all: undefined,
  attention: NEEDS_ATTENTION,
  critical: ['critical'],
};

/** Text search, attention and concerns; every change goes to the URL. */
export function Filters(props: {
  filters: OverviewFilters;
  onChange: (filters: OverviewFilters) => void;
}) {
  const { filters, onChange } = props;
  // The URL keeps the text trimmed; the box keeps what is typed, so a
  // space between two words survives until the second word comes.
  const [text, setText] = useState(filters.q ?? '');
  useEffect(() => {
    setText(current =>
      current.trim() === (filters.q ?? '') ? current : filters.q ?? '',
    );
  }, [filters.q]);

  const choice = attentionChoice(filters.attention);
  return (
    <Flex gap="4" align="end" style={{ flexWrap: 'wrap' }}>
      <div style={{ minWidth: 260 }}>
        <SearchField
          aria-label="Search domains"
          placeholder="Search by name, title or owner"
          value={text}
          maxLength={OVERVIEW_Q_MAX_LENGTH}
          onChange={value => {
            setText(value);
            onChange({ ...filters, q: value.trim() || undefined });
          }}
        />
      </div>
      <CaptionedToggleButtonGroup
        captionId="overview-attention-filter"
        caption="Domains by attention"
        aria-label="Filter by attention"
        selectionMode="single"
        disallowEmptySelection
        selectedKeys={[choice]}
        onSelectionChange={keys => {
          const [key] = [...keys] as AttentionChoice[];
          if (key && key !== 'other') {
            onChange({ ...filters, attention: CHOICE_LEVELS[key] });
          }
        }}
      >
        <ToggleButton id="all">All</ToggleButton>
        <ToggleButton id="attention">Needs attention</ToggleButton>
        <ToggleButton id="critical">Critical</ToggleButton>
        {choice === 'other' ? (
          // A level combination from a link; shown so the table is explained.
          <ToggleButton id="other">
            {`Only ${(filters.attention ?? []).join(', ')}`}
          </ToggleButton>
        ) : null}
      </CaptionedToggleButtonGroup>
      <CaptionedToggleButtonGroup
        captionId="overview-concern-filter"
        caption="Critical or warning in"
        aria-label="Filter by concern"
        selectionMode="multiple"
        selectedKeys={filters.concern ?? []}
        onSelectionChange={keys => {
          const concern = CONCERNS.filter(c => keys.has(c));
          onChange({
            ...filters,
            concern: concern.length > 0 ? concern : undefined,
          });
        }}
      >
        {CONCERNS.map(concern => (
          <ToggleButton key={concern} id={concern}>
            {CONCERN_LABELS[concern]}
          </ToggleButton>
        ))}
      </CaptionedToggleButtonGroup>
    </Flex>
  );
}
