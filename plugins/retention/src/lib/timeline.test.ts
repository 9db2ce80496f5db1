import { CategoryTimeline } from '@dataplatform/plugin-retention-common';
import { describeSegment, layoutTimeline } from './timeline';

const auditLogs: CategoryTimeline = {
  category: 'audit-logs',
  categoryTitle: 'Audit trails in Log Analytics',
  resourceName: 'log-dp-hr / AuditLogs',
  segments: [
    { phase: 'interactive', fromDay: 0, toDay: 30 },
    { phase: 'deleted', fromDay: 30 },
  ],
  requiredTotalDays: 2555,
  verdict: 'violation',
};

describe('layoutTimeline', () => {
  it('scales to the furthest requirement plus 10 %', () => {
    const layout = layoutTimeline(auditLogs);
    // 2,555 × 1.1 = 2,810.5, rounded up.
    expect(layout.endDay).toBe(2811);
    expect(layout.segments.map(s => s.label)).toEqual([
      'Interactive: days 0 to 30',
      'Deleted: from day 30',
    ]);
    const [interactive, deleted] = layout.segments;
    expect(interactive.left).toBe(0);
    expect(interactive.width).toBeCloseTo((30 / 2811) * 100, 6);
    // Deletion lasts to the end of the bar.
    expect(deleted.left + deleted.width).toBeCloseTo(100, 6);
    expect(layout.markers).toEqual([
      {
        kind: 'required-total',
        day: 2555,
        left: (2555 / 2811) * 100,
        label: 'Required: kept at least 2,555 days (7 years)',
      },
    ]);
    expect(layout.summary).toBe(
      'Audit trails in Log Analytics on log-dp-hr / AuditLogs. Interactive: days 0 to 30. Deleted: from day 30. Required: kept at least 2,555 days (7 years)',
    );
  });

  it('scales to the last phase boundary when it is further than any requirement', () => {
    const layout = layoutTimeline({
      category: 'bronze-layer',
      categoryTitle: 'Bronze layer (raw data)',
      resourceName: 'stsalesdata / bronze',
      segments: [
        { phase: 'archive', fromDay: 90, toDay: 2555 },
        { phase: 'hot', fromDay: 0, toDay: 90 },
        { phase: 'deleted', fromDay: 2555 },
      ],
      requiredArchiveDays: 180,
      verdict: 'violation',
    });
    expect(layout.endDay).toBe(2811);
    // Drawn in age order whatever order they came in.
    expect(layout.segments.map(s => s.segment.phase)).toEqual([
      'hot',
      'archive',
      'deleted',
    ]);
    expect(layout.markers.map(m => m.label)).toEqual([
      'Required: in the archive tier within 180 days',
    ]);
  });

  it('says when the last phase lasts forever, and draws an empty timeline without dividing by zero', () => {
    expect(describeSegment({ phase: 'archive', fromDay: 90 })).toBe(
      'Archive tier: from day 90, kept forever',
    );
    const layout = layoutTimeline({
      ...auditLogs,
      segments: [{ phase: 'hot', fromDay: 0 }],
      requiredTotalDays: undefined,
    });
    expect(layout.endDay).toBe(1);
    expect(layout.segments[0]).toMatchObject({ left: 0, width: 100 });
    expect(layout.markers).toEqual([]);
  });
});
