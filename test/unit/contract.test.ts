import { describe, expect, it } from 'vitest';
import {
  classifyContract,
  CLASSIFIER_CONFIDENCE,
  contractExamples,
  contractScores,
  ir35Of,
  trainContractClassifier,
} from '../../src/normalize/contract.js';

describe('contract-type classifier', () => {
  it('is accurate on the labelled slice held apart from training', () => {
    const examples = contractExamples();
    expect(examples.length).toBeGreaterThanOrEqual(100);
    // Every fifth example is held out; the classifier never sees it.
    const heldOut = examples.filter((_, i) => i % 5 === 4);
    const training = examples.filter((_, i) => i % 5 !== 4);
    const classifier = trainContractClassifier(training);
    const correct = heldOut.filter(([label, text]) => classifier.classify(text) === label).length;
    const accuracy = correct / heldOut.length;
    console.log(`contract classifier: ${correct}/${heldOut.length} held-out examples right (${(accuracy * 100).toFixed(0)}%)`); // prettier-ignore
    expect(accuracy).toBeGreaterThanOrEqual(0.75);
  });
});

describe('contractScores', () => {
  it('ranks labels exactly as natural does', () => {
    const examples = contractExamples();
    const classifier = trainContractClassifier(examples.filter((_, i) => i % 5 !== 4));
    const texts = [...examples.map(([, text]) => text), 'nothing known here', ''];
    for (const text of texts) {
      const ours = new Map(contractScores(classifier, text).map((c) => [c.label, c.value]));
      const theirs = classifier.getClassifications(text);
      // Same probability for every label (summed in another order, so equal to 12 digits).
      for (const { label, value } of theirs) {
        expect(Math.abs((ours.get(label) ?? Number.NaN) - value)).toBeLessThanOrEqual(
          value * 1e-12,
        );
      }
    }
  });
});

describe('classifyContract', () => {
  it('takes the source field first', () => {
    expect(classifyContract({ employmentType: 'FULL_TIME', title: 'Go developer', text: '' })).toEqual({ type: 'permanent', basis: 'structured' }); // prettier-ignore
    expect(classifyContract({ employmentType: 'PERMANENT', title: 'Contract Go developer', text: '' })).toEqual({ type: 'permanent', basis: 'structured' }); // prettier-ignore
    // "full_time" says the hours; a title or text that names the engagement says more.
    expect(classifyContract({ employmentType: 'full_time', title: 'Contract Go developer', text: '' })).toEqual({ type: 'contract', basis: 'rule' }); // prettier-ignore
    expect(classifyContract({ employmentType: 'Full Time, Internship', title: 'Engineers', text: '' }).type).toBe('permanent'); // prettier-ignore
    expect(classifyContract({ employmentType: 'CONTRACTOR', title: 'Go developer', text: '' }).type).toBe('contract'); // prettier-ignore
    expect(classifyContract({ employmentType: 'hourly', title: 'Fix my site', text: '' }).type).toBe('freelance'); // prettier-ignore
    expect(classifyContract({ employmentType: 'Temporary', title: 'IT support', text: '' }).type).toBe('temporary'); // prettier-ignore
  });

  it('then rules on the title and the text, then the rate period', () => {
    expect(classifyContract({ title: 'Senior DevOps Engineer - outside IR35', text: '' })).toEqual({ type: 'contract', basis: 'rule' }); // prettier-ignore
    expect(classifyContract({ title: 'Data Engineer', text: 'A permanent role with pension' }).type).toBe('permanent'); // prettier-ignore
    expect(classifyContract({ title: 'Data Engineer', text: 'Join our team', ratePeriod: 'day' }).type).toBe('contract'); // prettier-ignore
    expect(classifyContract({ title: 'Logo design', text: 'Quick job', ratePeriod: 'fixed' }).type).toBe('freelance'); // prettier-ignore
  });

  it('asks the classifier last, and says unknown with nothing to go on', () => {
    const reading = classifyContract({ title: 'Need someone to build a Shopify store for me', text: 'I will pay per milestone once you deliver' }); // prettier-ignore
    expect(reading.type).toBe('freelance');
    expect(classifyContract({ title: 'Engineer', text: '' })).toEqual({
      type: 'unknown',
      basis: 'none',
    });
  });
});

describe('ir35Of', () => {
  it.each([
    ['£550 pd outside IR35', 'outside'],
    ['Inside IR35 via umbrella', 'inside'],
    ['This role is out of IR35', 'outside'],
    ['caught by IR35', 'inside'],
    ['IR35 status to be confirmed', null],
    ['no mention', null],
  ])('%s', (text, expected) => {
    expect(ir35Of(text)).toBe(expected);
  });
});

describe("classifyContract on real postings' words", () => {
  it.each([
    [{ title: 'Werkstudent (m/w/d) Marketing', text: '' }, 'temporary'],
    [{ title: 'Duales Studium Wirtschaftsinformatik', text: '' }, 'temporary'],
    [
      { title: 'Data Analyst', text: 'Wir bieten eine unbefristete Festanstellung in Vollzeit' },
      'permanent',
    ],
    [{ title: 'Développeur Java', text: 'Poste en CDI, temps plein, à Lyon' }, 'permanent'],
    [
      { title: 'Recruiting Partner', text: 'Zusammenarbeit auf Projektbasis, freie Mitarbeit' },
      'contract',
    ],
    [{ title: 'Senior Engineer', text: 'We offer equity, 401(k) and paid time off' }, 'permanent'],
    [
      { title: 'Associate Manager', text: 'PhonePe is at an early stage of its journey' },
      'unknown',
    ],
  ] as const)('%j: %s', (input, type) => {
    expect(classifyContract(input).type).toBe(type);
  });

  it("takes the source's default only when nothing else is said", () => {
    expect(classifyContract({ title: 'Compliance Manager', text: 'Own our controls', sourceDefault: 'permanent' })).toEqual({ type: 'permanent', basis: 'rule' }); // prettier-ignore
    expect(classifyContract({ title: 'Summer Intern', text: '', sourceDefault: 'permanent' }).type).toBe('temporary'); // prettier-ignore
  });

  it('lets the classifier answer only at its stated confidence', () => {
    const classifier = trainContractClassifier(contractExamples());
    const titles = ['Senior Platform Engineer', 'Build me a logo quickly', 'Interim support analyst', 'Warehouse helper for the summer season', 'Head of Data']; // prettier-ignore
    for (const title of titles) {
      const reading = classifyContract({ title, text: 'Join us.' });
      const scores = contractScores(classifier, `${title}. Join us.`);
      const share = scores[0]!.value / scores.reduce((sum, s) => sum + s.value, 0);
      if (reading.basis === 'classifier')
        expect(share, title).toBeGreaterThanOrEqual(CLASSIFIER_CONFIDENCE);
      if (reading.basis === 'none') expect(share, title).toBeLessThan(CLASSIFIER_CONFIDENCE);
    }
  });
});
