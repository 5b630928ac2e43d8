/** Small rules the renderer and core share instead of each writing them (shared/domain). */
import { describe, expect, it } from 'vitest';
import { calendarMissingWarning, calendarMissingYear } from '../../shared/domain/schedule';
import { isActiveStatus, TASK_STATUSES } from '../../shared/domain/taskRules';

describe('shared task rules', () => {
  it('a task is active while open or in progress, and only then', () => {
    expect(TASK_STATUSES.filter(isActiveStatus)).toEqual(['open', 'in_progress']);
  });
  it('reads back the year a calendar_missing warning names, and nothing from other warnings', () => {
    expect(calendarMissingYear(calendarMissingWarning(2027))).toBe(2027);
    for (const w of ['calendar_missing:27', 'calendar_missing:2027x', 'other', 'calendar_missing:']) {
      expect(calendarMissingYear(w)).toBeNull();
    }
  });
});
