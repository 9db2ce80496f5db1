/** Where the parts of a retention timeline bar go, and what they say. */
import {
  CategoryTimeline,
  TimelinePhase,
  TimelineSegment,
} from '@dataplatform/plugin-retention-common';
import { formatDays } from './format';

export const PHASES: TimelinePhase[] = [
  'interactive',
  'long-term',
  'hot',
  'cool',
  'cold',
  'archive',
  'deleted',
];

export const PHASE_TITLES: Record<TimelinePhase, string> = {
  interactive: 'Interactive',
  'long-term': 'Long-term',
  hot: 'Hot tier',
  cool: 'Cool tier',
  cold: 'Cold tier',
  archive: 'Archive tier',
  deleted: 'Deleted',
};

/** What each phase means for someone who needs the data back. */
export const PHASE_MEANINGS: Record<TimelinePhase, string> = {
  interactive: 'Log Analytics: queryable at once',
  'long-term':
    'Log Analytics: kept at low cost, readable through a search job or a restore',
  hot: 'Blob storage: read at once, highest storage cost',
  cool: 'Blob storage: read at once, lower storage cost',
  cold: 'Blob storage: read at once, lower cost still',
  archive: 'Blob storage: offline, hours to rehydrate before it can be read',
  deleted: 'Gone: no longer kept',
};

export type MarkerKind = 'required-total' | 'required-archive' | 'immutable';

export const MARKER_TITLES: Record<MarkerKind, string> = {
  'required-total': 'Required retention',
  'required-archive': 'Required archive age',
  immutable: 'Immutability',
};

export interface DrawnSegment {
  segment: TimelineSegment;
  /** Position on the bar, 0..100. */
  left: number;
  width: number;
  label: string;
}

export interface DrawnMarker {
  kind: MarkerKind;
  day: number;
  left: number;
  label: string;
}

export interface TimelineLayout {
  /** The day at the right end of the bar. */
  endDay: number;
  segments: DrawnSegment[];
  markers: DrawnMarker[];
  /** Everything the bar shows, in one sentence, for screen readers. */
  summary: string;
}

function day(n: number): string {
  return n.toLocaleString('en-US');
}

/** "Interactive: days 0 to 30", "Deleted: from day 30", "Archive tier: from day 90, kept forever". */
export function describeSegment(segment: TimelineSegment): string {
  const title = PHASE_TITLES[segment.phase] ?? segment.phase;
  if (segment.toDay === undefined) {
    return segment.phase === 'deleted'
      ? `${title}: from day ${day(segment.fromDay)}`
      : `${title}: from day ${day(segment.fromDay)}, kept forever`;
  }
  return `${title}: days ${day(segment.fromDay)} to ${day(segment.toDay)}`;
}

function markersOf(t: CategoryTimeline): Array<Omit<DrawnMarker, 'left'>> {
  const markers: Array<Omit<DrawnMarker, 'left'>> = [];
  if (t.requiredTotalDays !== undefined) {
    markers.push({
      kind: 'required-total',
      day: t.requiredTotalDays,
      label: `Required: kept at least ${formatDays(t.requiredTotalDays)}`,
    });
  }
  if (t.requiredArchiveDays !== undefined) {
    markers.push({
      kind: 'required-archive',
      day: t.requiredArchiveDays,
      label: `Required: in the archive tier within ${formatDays(
        t.requiredArchiveDays,
      )}`,
    });
  }
  if (t.immutableDays !== undefined) {
    markers.push({
      kind: 'immutable',
      day: t.immutableDays,
      label: `Immutable for ${formatDays(
        t.immutableDays,
      )}: blobs cannot be changed or deleted before`,
    });
  }
  return markers;
}

/**
 * A linear scale from day 0 to the furthest phase boundary or requirement
 * plus 10 %, so that what is kept forever and a requirement at the end
 * still show room after them.
 */
export function layoutTimeline(t: CategoryTimeline): TimelineLayout {
  const markers = markersOf(t);
  const furthest = Math.max(
    0,
    ...t.segments.flatMap(s => [s.fromDay, s.toDay ?? s.fromDay]),
    ...markers.map(m => m.day),
  );
  const endDay = Math.max(1, Math.ceil(furthest * 1.1));
  const at = (n: number) => Math.min(100, Math.max(0, (n / endDay) * 100));
  const segments = [...t.segments]
    .sort((a, b) => a.fromDay - b.fromDay)
    .map(segment => ({
      segment,
      left: at(segment.fromDay),
      width: at(segment.toDay ?? endDay) - at(segment.fromDay),
      label: describeSegment(segment),
    }));
  const drawnMarkers = markers.map(m => ({ ...m, left: at(m.day) }));
  const summary = [
    `${t.categoryTitle} on ${t.resourceName}`,
    ...segments.map(s => s.label),
    ...drawnMarkers.map(m => m.label),
  ].join('. ');
  return { endDay, segments, markers: drawnMarkers, summary };
}
