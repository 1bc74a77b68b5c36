import { describe, expect, it } from 'vitest';
import {
  HTCDS_COLUMNS,
  HTCDS_PSEUDONYMOUS_COLUMNS,
  htcdsHeaderCheck,
  htcdsParseRow,
  spreadsheetSafe,
} from './htcds-columns';

describe(htcdsParseRow.name, () => {
  it('parses a full row into a create input, canonicalising picklist values', () => {
    const r = htcdsParseRow({
      cas_Code: 'TH-2026-000001',
      cas_Status: 'followup',
      prs_FirstName: ' Lan ',
      prs_SecondName: 'Nguyen',
      prs_Birthdate: '1999-02-01',
      prs_Gender: 'female',
      prs_Nationality: 'vn',
      vic_IdentificationStatus: 'Identified',
      vic_FormOfExploitation: 'ForcedLabour; begging;ForcedLabour',
      vic_AgreementToManagePersonalData: 'yes',
      hte_ExploitationCountry: 'TH',
      hte_ExploitationDate: '2024-05-01',
      unknown_Column: 'ignored',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) {
      return;
    }
    expect(r.value.status).toBe('FollowUp');
    expect(r.value.input.person).toMatchObject({
      givenName: 'Lan',
      familyName: 'Nguyen',
      birthDate: '1999-02-01',
      gender: 'Female',
      nationality: 'VN',
    });
    expect(r.value.input.victim?.formsOfExploitation).toEqual(['ForcedLabour', 'Begging']);
    expect(r.value.input.victim?.agreementToManagePersonalData).toBe(true);
    expect(r.value.input.events).toEqual([
      { type: 'Exploitation', country: 'TH', date: '2024-05-01' },
    ]);
  });

  it('accepts an empty row (a thin case)', () => {
    const r = htcdsParseRow({});
    expect(r.ok).toBe(true);
  });

  it('names every bad column without repeating the value', () => {
    const r = htcdsParseRow({
      prs_Gender: 'Robot',
      prs_Birthdate: '1999-02-31',
      vic_MethodsOfControl: 'Threats;Secret Name',
      prs_EstimatedAge: 'abc',
      hte_RecruitmentDate: '2020-13-01',
    });
    expect(r.ok).toBe(false);
    if (r.ok) {
      return;
    }
    const columns = r.errors.map((e) => e.column).sort();
    expect(columns).toEqual(
      [
        'prs_Gender',
        'vic_MethodsOfControl',
        'prs_EstimatedAge',
        'prs_Birthdate',
        'hte_RecruitmentDate',
      ].sort(),
    );
    expect(JSON.stringify(r.errors)).not.toContain('Secret Name');
  });
});

describe(htcdsHeaderCheck.name, () => {
  it('separates known, unknown and duplicated headers and skips export-only ones', () => {
    const c = htcdsHeaderCheck(['cas_Code', 'PRS_GENDER', 'x', 'prs_Gender', '']);
    expect(c.known.map((k) => k.column.name)).toEqual(['prs_Gender']);
    expect(c.unknown).toEqual(['x']);
    expect(c.duplicated).toEqual(['prs_Gender']);
  });
});

describe('catalogue', () => {
  it('keeps names, birth dates, documents and contact out of the pseudonymous columns', () => {
    const names = HTCDS_PSEUDONYMOUS_COLUMNS.map((c) => c.name);
    for (const p of ['prs_FirstName', 'prs_SecondName', 'prs_Birthdate', 'prs_IdentityDocument']) {
      expect(names).not.toContain(p);
    }
    expect(names).toContain('cas_Code');
    expect(new Set(HTCDS_COLUMNS.map((c) => c.name)).size).toBe(HTCDS_COLUMNS.length);
  });
});

describe(spreadsheetSafe.name, () => {
  it('neutralises formula prefixes', () => {
    expect(spreadsheetSafe('=1+1')).toBe("'=1+1");
    expect(spreadsheetSafe('+1')).toBe("'+1");
    expect(spreadsheetSafe('-1')).toBe("'-1");
    expect(spreadsheetSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(spreadsheetSafe('Active')).toBe('Active');
  });
});
