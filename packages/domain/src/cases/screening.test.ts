import { describe, expect, it } from 'vitest';
import {
  ScreeningCreateInputSchema,
  screeningAssessment,
  screeningOutcomeConflict,
} from './screening';

const none = { actIndicators: [], meansIndicators: [], purposeIndicators: [] };

describe(screeningAssessment.name, () => {
  it('meets the definition for an adult with act, means and purpose', () => {
    const a = screeningAssessment({
      isChild: false,
      actIndicators: ['Recruitment'],
      meansIndicators: ['Deception'],
      purposeIndicators: ['ForcedLabour'],
    });
    expect(a).toMatchObject({ act: true, means: true, purpose: true, isElementsMet: true });
    expect(a.suggestedOutcome).toBe('Actual');
  });

  it('does not meet it for an adult without means', () => {
    const a = screeningAssessment({
      isChild: false,
      actIndicators: ['Transport'],
      meansIndicators: [],
      purposeIndicators: ['SexualExploitation'],
    });
    expect(a.isMeansRequired).toBe(true);
    expect(a.isElementsMet).toBe(false);
    expect(a.suggestedOutcome).toBe('Possible');
  });

  it('meets it for a child with act and purpose only (Palermo art. 3(c))', () => {
    const a = screeningAssessment({
      isChild: true,
      actIndicators: ['Recruitment'],
      meansIndicators: [],
      purposeIndicators: ['Begging'],
    });
    expect(a.isMeansRequired).toBe(false);
    expect(a.isElementsMet).toBe(true);
    expect(a.suggestedOutcome).toBe('Actual');
  });

  it('still needs act and purpose for a child', () => {
    expect(
      screeningAssessment({ isChild: true, ...none, purposeIndicators: ['Begging'] }).isElementsMet,
    ).toBe(false);
  });

  it('suggests Possible on red flags alone and NotAVictim on nothing', () => {
    expect(
      screeningAssessment({ isChild: false, ...none, redFlags: ['DocumentsWithheld'] })
        .suggestedOutcome,
    ).toBe('Possible');
    expect(screeningAssessment({ isChild: false, ...none }).suggestedOutcome).toBe('NotAVictim');
  });
});

describe(screeningOutcomeConflict.name, () => {
  it('refuses Actual when the elements are not met, accepts any other decision', () => {
    const weak = screeningAssessment({ isChild: false, ...none, actIndicators: ['Receipt'] });
    expect(screeningOutcomeConflict('Actual', weak)).toBe('elementsNotMet');
    expect(screeningOutcomeConflict('Possible', weak)).toBeNull();
    expect(screeningOutcomeConflict('NotAVictim', weak)).toBeNull();
  });
});

describe('ScreeningCreateInputSchema', () => {
  const base = { screenedAt: '2026-12-01T10:00:00+07:00', isChild: false, outcome: 'Possible' };

  it('fills defaults', () => {
    const v = ScreeningCreateInputSchema.parse(base);
    expect(v).toMatchObject({ gender: 'Unknown', redFlags: [], interpreterUsed: false });
  });

  it('rejects a name or notes on NotAVictim, naming the field', () => {
    const r = ScreeningCreateInputSchema.safeParse({
      ...base,
      outcome: 'NotAVictim',
      notes: 'x',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['notes']);
  });

  it('rejects an adult age for a child and a child age for an adult', () => {
    const child = ScreeningCreateInputSchema.safeParse({ ...base, isChild: true, ageEstimate: 19 });
    expect(child.error?.issues[0]?.path).toEqual(['ageEstimate']);
    const adult = ScreeningCreateInputSchema.safeParse({ ...base, ageEstimate: 15 });
    expect(adult.error?.issues[0]?.path).toEqual(['isChild']);
  });

  it('rejects Actual without the elements and unknown indicators', () => {
    expect(
      ScreeningCreateInputSchema.safeParse({ ...base, outcome: 'Actual' }).error?.issues[0]?.path,
    ).toEqual(['outcome']);
    expect(
      ScreeningCreateInputSchema.safeParse({ ...base, redFlags: ['Nope'] }).error?.issues[0]?.path,
    ).toEqual(['redFlags', 0]);
  });

  it('rejects a decision before the screening', () => {
    const r = ScreeningCreateInputSchema.safeParse({ ...base, decisionDate: '2026-11-30' });
    expect(r.error?.issues[0]?.path).toEqual(['decisionDate']);
  });
});
