import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { FundPaymentsSection } from './FundPaymentsSection';

const CASE = '00000000-0000-4000-8000-0000000000c1';
const RULE = '00000000-0000-4000-8000-0000000000a1';
const CAP = '3,000 baht per person limited to 3 times a year';

describe(FundPaymentsSection.name, () => {
  it('lists the caps and shows a refusal naming the rule, keeping the typed amount', async () => {
    const posted: unknown[] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const path = new URL(url, 'http://x').pathname;
      if (path === '/api/country-rules') {
        return new Response(
          JSON.stringify([
            {
              id: RULE,
              countryCode: 'TH',
              kind: 'fund_entitlement',
              key: 'cost_of_living',
              sortOrder: 1,
              config: {
                entitlement: 'Cost of living',
                cap_text_exact: CAP,
                approval: 'Anti-Human Trafficking Fund Committee, case by case',
                per: 'person',
              },
              source: 'S004',
            },
          ]),
          { status: 200 },
        );
      }
      if (init?.method === 'POST') {
        posted.push(JSON.parse(String(init.body)));
        return new Response(
          JSON.stringify({
            error: {
              code: 'INVALID_INPUT',
              message: `Cost of living: ${CAP}`,
              field: 'amount',
              details: { rule: 'cost_of_living', violation: 'amount_cap', capText: CAP },
            },
          }),
          { status: 400 },
        );
      }
      return new Response('[]', { status: 200 });
    });
    renderWithProviders(<FundPaymentsSection caseId={CASE} countryCode="TH" canEdit />, {
      queryClient: testQueryClient(),
    });
    expect(await screen.findAllByText(CAP)).toHaveLength(1);
    fireEvent.change(screen.getByRole('combobox', { name: /^Entitlement/ }), {
      target: { value: RULE },
    });
    const amount = screen.getByRole('textbox', { name: /^Amount/ }) as HTMLInputElement;
    fireEvent.change(amount, { target: { value: '3001' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record payment' }));
    const alert = await screen.findByTestId('fund-refusal');
    expect(alert.textContent).toContain(`Cost of living: ${CAP}`);
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({ ruleId: RULE, amount: 3001, currency: 'THB' });
    expect((screen.getByRole('textbox', { name: /^Amount/ }) as HTMLInputElement).value).toBe(
      '3,001',
    );
  });
});
