import { describe, expect, it } from 'vitest';
import type { GapReport } from '../../src/report/gap.js';
import { renderGap } from '../../src/report/gap-render.js';

const skill = (id: string, name: string, postings: number, dayRateCount: number) => ({
  id,
  name,
  category: 'cloud',
  postings,
  growth13w: null,
  dayRateMedian: dayRateCount > 0 ? 550 : null,
  dayRateCount,
});

const LONG = 'Amazon Web Services Certified Solutions Architect';
const REPORT: GapReport = {
  week: '2026-11-16',
  label: '2026-W47',
  currency: 'GBP',
  category: null,
  skills: [skill('terraform', 'Terraform', 40, 12), skill('ansible', 'Ansible', 4, 2)],
  baselineDayRate: 550,
  adjacent: [
    {
      ...skill('aws', 'Amazon Web Services', 120, 30),
      lift: 2.5,
      pairedWith: 'Terraform',
      share: 0.4,
      ratePremium: 0,
      score: 1.32,
    },
  ],
  bundles: [
    {
      skills: [
        { id: 'terraform', name: 'Terraform' },
        { id: 'aws', name: 'Amazon Web Services' },
        { id: 'kubernetes', name: 'Kubernetes' },
        { id: 'aws-sa', name: LONG },
      ],
      have: ['terraform'],
      missing: ['aws', 'kubernetes', 'aws-sa'],
      postings: 6,
      dayRateMedian: 600,
      dayRateCount: 6,
    },
  ],
  window: { from: '2026-08-24', to: '2026-11-16', postings: 300 },
};

describe('the gap report', () => {
  const text = renderGap(REPORT, 'text');

  it('prints whole bundle names, however many skills they join', () => {
    expect(text).toContain(`Terraform + Amazon Web Services + Kubernetes + ${LONG.slice(0, 39)}…`);
    expect(text).toContain(`Amazon Web Services, Kubernetes, ${LONG.slice(0, 39)}…`);
  });

  it('marks figures on few postings or rates with †, and says what † and – mean', () => {
    expect(text).toMatch(/^Terraform\s+40\s+–\s+550\s+12$/m);
    expect(text).toMatch(/^Ansible\s+4 †\s+–\s+550 †\s+2$/m);
    expect(text).toMatch(/\s6 †\s+600$/m);
    expect(text).toContain('† : fewer than 10 postings or 5 day rates.');
    expect(text).toContain('– : no figure');
    const page = renderGap(REPORT, 'html');
    expect(page).toContain('<td>4 †</td>');
    expect(page).toContain('— 6 † postings (2.0%)');
    expect(page).toContain('† : fewer than 10 postings or 5 day rates.');
  });

  it('dates the window lifts were read over as the rest of the reports do, never ISO', () => {
    const window =
      'Lifts and bundles over 300 postings asking for your skills, 24 Aug 2026 to the week of 16 Nov 2026.';
    expect(text).toContain(window);
    const page = renderGap(REPORT, 'html');
    expect(page).toContain(window);
    for (const rendered of [text, page]) expect(rendered).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("names the category asked for as the taxonomy's readers know it", () => {
    const text = renderGap({ ...REPORT, category: 'ai-ml' }, 'text');
    expect(text).toMatch(
      /^Skill gap — Week 2026-W47 in AI and machine learning; rates are day rates in GBP\.$/m,
    );
  });
});
