import { describe, expect, it } from 'vitest';
import { askedText, MAX_CHOSEN_TAGS, skillText, withoutLinks } from '../../src/skills/sections.js';

describe('askedText', () => {
  it('drops the parts under company, benefits and legal headings, keeps the role and requirements', () => {
    const text = [
      'About us',
      'Acme builds Kafka tooling for banks.',
      'Requirements',
      '- Python and PostgreSQL',
      'What we offer',
      '- A ChatGPT subscription',
    ].join('\n');
    expect(askedText(text, 'Acme')).toBe('Requirements\n- Python and PostgreSQL');
  });

  it('drops sentences about the company wherever they stand', () => {
    const cases: [string, string | null][] = [
      ["We're a venture-backed startup shaking up audio with AI.", null],
      ['We’re a venture-backed startup shaking up audio with AI.', null],
      ["Udacity's mission is to power careers in AI.", 'Udacity'],
      ['If you want to work on the frontier of AI, Sarvam is the place to be.', 'Sarvam AI'],
      ['Tulip, the leader in AI-native operations, helps factories.', 'Tulip'],
      ['Meesho (Meri Shop) started as an e-commerce destination.', 'Meesho'],
      ['Join the company that is building telemetry for the AI era.', 'Cribl'],
      ['Wir sind eine datengetriebene Beratung mit AI-Tools.', null],
      ['Mit modernen AI-Tools helfen wir unseren Kunden im Vertrieb.', null],
      ['What if Jupyter notebooks had legible source code?', null],
      ['- You’ll get a MacBook Pro that runs OS X or Linux.', null],
      ['Unió Digital is an MSP delivering Low Voltage Cabling.', 'Unió Digital'],
      ['Our core technology is based on change data capture.', null],
    ];
    for (const [sentence, company] of cases) {
      expect(askedText(`${sentence} You will write Go.`, company), sentence).toBe(
        'You will write Go.',
      );
    }
  });

  it('keeps a sentence that gives the team’s stack, whoever speaks', () => {
    for (const sentence of [
      "We're primarily a .Net shop, and we have code running on Linux.",
      "We're currently hiring for three teams: web in TypeScript and a mobile team in Flutter.",
      'Acme (YC W20) is looking for a full-stack developer.',
      'We collaborate every day using tools such as Slack and Jira.',
    ]) {
      expect(askedText(sentence, 'Acme'), sentence).toBe(sentence);
    }
  });

  it('keeps what the company asks for, and the stack, even in sentences that start with "we"', () => {
    const text =
      "We're looking for a Rust engineer. We use Postgres and Kafka. Acme is hiring now.";
    expect(askedText(text, 'Acme')).toBe(text);
  });

  it('drops a paragraph about the company that never speaks to the reader', () => {
    const story =
      'Acme is a leading e-commerce destination for small businesses across India, with a platform of sellers, logistics partners and ' +
      'millions of buyers; Acme has grown every year since it was founded, on a mission to democratise internet commerce.';
    expect(askedText(`${story}\nYou will build Kotlin services.`, 'Acme')).toBe(
      'You will build Kotlin services.',
    );
    // A paragraph that speaks to the reader is the job, however often it names the company.
    const role =
      'As a Kotlin engineer at Acme you will build the services that sellers, logistics partners and millions of buyers rely on, ' +
      'and help Acme scale its order pipeline with Kafka and PostgreSQL across every region it serves today.';
    expect(askedText(role, 'Acme')).toBe(role);
  });
});

describe('askedText headings', () => {
  it('drops the parts about the team’s founders, the desk’s equipment and who the job is not for', () => {
    const text = [
      'Requirements',
      '- Kotlin and Android',
      'Michael Monin [Co-founder & CTO]',
      '• 10+ years as CTO (web2/web3), 1+ year in AI/LLM',
      'Technology & Equipment Requirements:',
      'Operating system of Windows 11',
      'Who we are not for:',
      '-',
      'Folks looking to build simple wix websites',
      'OTHER OPENINGS: sales, marketing, project managers',
    ].join('\n');
    expect(askedText(text, null)).toBe('Requirements\n- Kotlin and Android');
  });
});

describe('skillText', () => {
  it('takes links out of the title', () => {
    expect(withoutLinks('Benzinga | Detroit | https://pro.benzinga.com')).not.toMatch(
      /https|benzinga\.com/,
    );
    expect(
      skillText({
        title: 'OpenRent | https://www.openrent.co.uk',
        description: '',
        company: null,
        tags: [],
      }).title,
    ).not.toContain('https');
  });

  it('reads the poster’s tags one a line, and none of a catch-all set', () => {
    const posting = { title: 'Dev', description: 'Build things.', company: null };
    expect(skillText({ ...posting, tags: ['design', 'technical', 'support'] }).text).toBe(
      'Build things.\ndesign\ntechnical\nsupport',
    );
    const catchAll = Array.from({ length: MAX_CHOSEN_TAGS + 1 }, (_, i) => `tag${i}`);
    expect(skillText({ ...posting, tags: catchAll }).text).toBe('Build things.');
  });
});
