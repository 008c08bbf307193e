import { describe, expect, it } from 'vitest';
import { roleOfPosting, ROLE_OPENING_CHARS } from '../../src/roles/posting-role.js';
import { SENIORITIES } from '../../src/roles/seniority.js';
import { normalizeTitle, sharedTitleNormalizer } from '../../src/roles/titles.js';

/** Hand-written titles with the noise real listings carry, and what a reader makes of them. */
const TITLES: readonly (readonly [string, string | null, string | null])[] = [
  ['Snr. AWS DevSecOps Eng (Contract, Outside IR35)', 'devsecops-engineer', 'senior'],
  ['Site Reliability Eng - London - £600/day', 'site-reliability-engineer', null],
  ['SRE', 'site-reliability-engineer', null],
  ['Sr SRE (m/w/d)', 'site-reliability-engineer', 'senior'],
  ['Dev Sec Ops Engineer | Remote', 'devsecops-engineer', null],
  ['Pentester (m/w/d) - 100% Remote', 'penetration-tester', null],
  ['Senior Penetration Tester, Outside IR35, £550-£650 per day', 'penetration-tester', 'senior'],
  ['Cloud Security Engineer - Azure - Hybrid, Manchester', 'cloud-security-engineer', null],
  ['Junior SOC Analyst (Shift Pattern)', 'soc-analyst', 'junior'],
  ['Softwareentwickler (m/w/d) Java', 'java-developer', null],
  ['Senior Softwareentwickler:in Backend', 'software-engineer', 'senior'],
  ['Systemadministrator (m/w/d) Linux in Vollzeit', 'systems-administrator', null],
  ['Werkstudent Data Engineering (w/m/d)', 'data-engineer', 'intern'],
  ['Développeur Full Stack H/F', 'full-stack-developer', null],
  ['Ingénieur DevOps Confirmé (H/F) - Paris', 'devops-engineer', null],
  ['Chef de projet informatique', 'project-manager', null],
  ['Lead Data Engineer at Acme Ltd', 'data-engineer', 'lead'],
  ['Data Scientist @ Big Bank | NYC', 'data-scientist', null],
  ['Principal Platform Engineer | Kubernetes | Remote UK', 'platform-engineer', 'principal'],
  ['Head of Cyber Security', 'chief-information-security-officer', 'head'],
  ['Full-Stack Dev (React/Node)', 'full-stack-developer', null],
  ['Front-end Developer, React', 'frontend-developer', null],
  ['Backend Engineer (Go)', 'go-developer', null],
  ['Senior Python Backend Developer', 'python-developer', 'senior'],
  ['Python React Developer', 'full-stack-developer', null],
  ['C C++ Linux developer', 'cpp-developer', null],
  ['Senior .NET / C# Developer', 'dotnet-developer', 'senior'],
  ['iOS Engineer II', 'ios-developer', 'mid'],
  ['QA Automation Engineer (Playwright)', 'test-automation-engineer', null],
  ['Scrum Master / Agile Delivery Lead', 'scrum-master', 'lead'],
  ['SAP FI/CO Berater (m/w/d)', 'sap-fico-consultant', null],
  ['SAP S/4HANA Consultant', 'sap-consultant', null],
  ['Oracle DBA - 6 month contract', 'database-administrator', null],
  ['Network Engineer (CCNP) - £50k', 'network-engineer', null],
  ['2nd Line Support Engineer', 'it-support-analyst', null],
  ['Machine Learning Engineers', 'machine-learning-engineer', null],
  ['Backend Engineer + Frontend Engineer', 'backend-developer', null],
  ["Ingénieur d'études et développement Java (H/F)", 'java-developer', null],
  ['iOS/Android Developer', 'mobile-developer', null],
  ['Desarrollador Python Senior', 'python-developer', 'senior'],
  ['Senior Member of Technical Staff', 'software-engineer', 'senior'],
  ['Engineer, Backend', 'backend-developer', null],
  // Other trades with IT words, and titles of no IT role.
  ['Construction Project Manager', null, null],
  ['Electrical Engineer', null, null],
  ['Project Engineering Manager - Core Spreads Manufacturing', null, null],
  ['Senior Business Developer DACH', null, 'senior'],
  ['Steuerberater (m/w/d)', null, null],
  ['Account Executive - Italy', null, null],
  ['Kfz-Mechatroniker (m/w/d) gesucht!', null, null],
];

describe('normalizeTitle', () => {
  it.each(TITLES)('%s -> %s, %s', (title, role, seniority) => {
    expect(normalizeTitle(title)).toEqual({ role, seniority });
  });

  it('prefers the longest alias: a cloud security engineer is no mere security engineer', () => {
    expect(normalizeTitle('Cloud Security Engineer').role).toBe('cloud-security-engineer');
    expect(normalizeTitle('Security Engineer').role).toBe('security-engineer');
    expect(normalizeTitle('React Native Developer').role).toBe('react-native-developer');
  });

  it('skips technology words inside an alias, but not words of the role kind', () => {
    expect(normalizeTitle('Java Spring Boot Developer').role).toBe('java-developer');
    expect(normalizeTitle('Full Stack Python Developer').role).toBe('full-stack-developer');
    expect(normalizeTitle('AWS DevSecOps Engineer').role).toBe('devsecops-engineer');
  });

  it('lets the posting skills break a tie between aliases of one length', () => {
    const title = 'Data Engineer / Data Scientist';
    expect(normalizeTitle(title).role).toBe('data-engineer');
    // One part each: the first named wins whatever the skills, as a reader would say.
    expect(normalizeTitle(title, ['machine-learning', 'scikit-learn']).role).toBe('data-engineer');
    const tied = 'Engineer: Data Engineer Data Scientist';
    expect(normalizeTitle(tied).role).toBe('data-engineer');
    expect(normalizeTitle(tied, ['machine-learning', 'scikit-learn', 'data-science']).role).toBe(
      'data-scientist',
    );
  });

  it('gives a title that names only a technology the role of its skills', () => {
    expect(normalizeTitle('Help with Zoho CRM').role).toBe('crm-consultant');
    expect(normalizeTitle('Java FX').role).toBe('java-developer');
    expect(normalizeTitle('Build an Excel sheet').role).toBeNull();
    // A language that is also an everyday word needs a developer noun to name a stack.
    expect(normalizeTitle('Ready, Set, Go: Sales Team').role).toBeNull();
    expect(normalizeTitle('Go Engineer').role).toBe('go-developer');
  });

  it("gives a bare role noun the role its posting's technical skills point to", () => {
    const grc = ['iso-27001', 'soc-2', 'grc', 'nist-cybersecurity-framework'];
    expect(normalizeTitle('Associate Compliance Manager', grc).role).toBe('grc-analyst');
    expect(normalizeTitle('Associate Compliance Manager').role).toBeNull();
    // Ways of working alone make no IT manager.
    const delivery = ['project-management', 'stakeholder-management', 'risk-management'];
    expect(normalizeTitle('Partnerships Manager', delivery).role).toBeNull();
    const vision = ['computer-vision', 'machine-learning', 'pytorch', 'deep-learning'];
    expect(normalizeTitle('Researcher, Vision', vision).role).toBe('research-scientist');
  });

  it('lets a field after a generic software engineer say which', () => {
    expect(normalizeTitle('Senior Product Engineer (Fullstack)')).toEqual({
      role: 'full-stack-developer',
      seniority: 'senior',
    });
    expect(normalizeTitle('Hiring Software Engineers, Backend').role).toBe('backend-developer');
    expect(normalizeTitle('Software Engineer - Machine Learning').role).toBe(
      'machine-learning-engineer',
    );
    expect(normalizeTitle('Software Engineer, Data Engineering').role).toBe('data-engineer');
    // A bracket or part that says more than the field is no qualifier.
    expect(normalizeTitle('Software Engineer - Backend Team').role).toBe('software-engineer');
    // Two roles named: the first.
    expect(normalizeTitle('Software Engineer, Frontend Engineer').role).toBe('software-engineer');
  });

  it('reads a field after a developer noun with the noun, where the two make one alias', () => {
    expect(normalizeTitle('Software Engineer, Android').role).toBe('android-developer');
    expect(normalizeTitle('Software Engineer (iOS)').role).toBe('ios-developer');
    expect(normalizeTitle('Engineer - Data Platform').role).toBe('data-engineer');
    expect(normalizeTitle('Senior Engineer, Infrastructure')).toEqual({
      role: 'infrastructure-engineer',
      seniority: 'senior',
    });
    // Titles of the gold set it must leave: a field that makes the generic alias ("product
    // engineer"), a list of technologies (a stack, no field), a field no alias has.
    expect(normalizeTitle('Staff Software Engineer, Product (Belo Horizonte)').role).toBe('software-engineer'); // prettier-ignore
    expect(normalizeTitle('Software Developer - Java, Groovy, ScriptRunner, Forge (m/w/d)').role).toBe('software-engineer'); // prettier-ignore
    expect(normalizeTitle('Backend Engineer, API Team').role).toBe('backend-developer');
    expect(normalizeTitle('Software Engineer - Payments').role).toBe('software-engineer');
  });

  it('reads coordinated kinds sharing a noun as the first named', () => {
    // A title of the gold set ("BE/FE" is back end and front end).
    expect(normalizeTitle('Senior BE/FE Devs')).toEqual({ role: 'backend-developer', seniority: 'senior' }); // prettier-ignore
    expect(normalizeTitle('Backend/Frontend Developer').role).toBe('backend-developer');
    expect(normalizeTitle('FE/BE Engineer').role).toBe('frontend-developer');
    // An alias of the pair, and a stack, keep their own reading.
    expect(normalizeTitle('iOS/Android Developer').role).toBe('mobile-developer');
    expect(normalizeTitle('React/Node Developer').role).toBe('full-stack-developer');
  });

  it('reads support lines as written', () => {
    expect(normalizeTitle('1st/2nd Line Support Analyst').role).toBe('it-support-analyst');
    expect(normalizeTitle('2nd & 3rd Line Engineer').role).toBe('it-support-analyst');
    expect(sharedTitleNormalizer().analyse('2nd & 3rd Line Engineer').words).toEqual(['2nd', 'line', 'engineer']);
  }); // prettier-ignore

  it('returns one result per title and the same result on a second call', () => {
    const normalizer = sharedTitleNormalizer();
    expect(normalizer.normalize('Senior DevOps Engineer')).toEqual(
      normalizer.normalize('Senior DevOps Engineer'),
    );
    expect(normalizer.analyse('Senior Kafka Wrangler (Remote)').words).toEqual([
      'kafka',
      'wrangler',
    ]);
  });

  // A smoke test against pathological cost (a regex that backtracks on long titles); the
  // speed itself (about 10 µs a title on an idle core) is measured, not asserted, as the
  // machine is shared.
  it('normalizes 2,000 long titles in a few seconds at most', () => {
    const long = TITLES.map(([t]) => `${t} | ${'Remote - Contract - '.repeat(8)}${t}`);
    normalizeTitle(long[0] as string);
    const start = performance.now();
    for (let i = 0; i < 2_000; i += 1) normalizeTitle(`${long[i % long.length]} ${i}`);
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});

describe('seniority', () => {
  const LEVELS: readonly (readonly [string, string | null])[] = [
    ['Senior / Staff Fullstack Engineer', 'senior'],
    ['Mid/Senior Backend Developer', 'mid'],
    ['Lead Senior Data Engineer', 'lead'],
    ['Staff Software Engineer', 'principal'],
    ['Android Engineer III', 'senior'],
    ['Software Engineer I', 'junior'],
    ['Tier III Service Desk Engineer', null],
    ['2nd Line Support Engineer', null],
    ['Associate Director - Engineering', 'head'],
    ['VP of Engineering', 'head'],
    ['IT-Leiter (m/w/d)', 'head'],
    ['Teamleiter Softwareentwicklung', 'lead'],
    ['Pflichtpraktikant UX/UI-Design (m/w/d)', 'intern'],
    ['Duales Studium Wirtschaftsinformatik', 'intern'],
    ['Ausbildung: Fachinformatiker für Anwendungsentwicklung', 'intern'],
    ['Graduate Software Developer', 'junior'],
    ['Entry-Level Data Analyst', 'junior'],
    ['New Grad Software Engineer', 'junior'],
    ['Full Stack Developer (mid-level)', 'mid'],
    ['Chief of Staff / Executive Assistant', null],
    ['Software Engineering Manager', null],
    ['Jr. Web Dev', 'junior'],
    ['Stagiaire Développeur Web', 'intern'],
    // Titles postings' seniority was tested on when contract.ts read it with patterns of its own.
    ['Sr. Backend Developer', 'senior'],
    ['Junior QA Analyst', 'junior'],
    ['Lead Cloud Engineer', 'lead'],
    ['Principal Security Architect', 'principal'],
    ['Staff Engineer', 'principal'],
    ['Head of Data', 'head'],
    ['Software Engineer II', 'mid'],
    ['Software Engineer III', 'senior'],
    ['Engineering Intern', 'intern'],
    ['DevOps Engineer', null],
    ['UI/UX Designer', null],
  ];
  it.each(LEVELS)('%s -> %s', (title, level) => {
    expect(normalizeTitle(title).seniority).toBe(level);
  });

  it('uses the vocabulary of postings.seniority', () => {
    const vocabulary: readonly (string | null)[] = [...SENIORITIES, null];
    for (const [title] of LEVELS) expect(vocabulary).toContain(normalizeTitle(title).seniority);
  });
});

describe('manager titles', () => {
  // Titles of the gold set with the skills their postings were labelled with: a manager of
  // a business function is no IT role, whatever tools the posting names.
  it.each([
    ['Online Marketing Manager (m/w/d)', ['agile', 'project-management', 'landing-pages', 'artificial-intelligence']],
    ['Technical Account Manager - DACH', ['customer-success', 'project-management', 'crm']],
    ['Partnerships Manager Japan', ['project-management', 'sql', 'data-analysis']],
    ['E-Commerce Manager Shopify & CRO (m/w/d) - Remote (Vollzeit)', ['shopify', 'e-commerce', 'a-b-testing', 'web-performance', 'google-tag-manager']],
    ['Communications Manager', ['artificial-intelligence', 'machine-learning']],
    ['Associate Manager, Lending Operations', ['stakeholder-management', 'continuous-improvement']],
  ])('%s is no IT role', (title, skills) => {
    expect(normalizeTitle(title, skills).role).toBeNull();
  }); // prettier-ignore

  it('gives no IT role to store, account or marketing managers asking IT skills', () => {
    const skills = ['jira', 'sql', 'python', 'itil', 'it-service-management', 'kubernetes'];
    for (const title of ['Store Manager', 'Account Manager', 'Marketing Manager', 'Office Manager']) {
      expect(normalizeTitle(title, skills).role, title).toBeNull();
    }
  }); // prettier-ignore

  it('keeps the role of IT managers (titles of the gold set)', () => {
    expect(normalizeTitle('Senior IT Project Manager')).toEqual({ role: 'project-manager', seniority: 'senior' }); // prettier-ignore
    expect(normalizeTitle('Software Engineering Manager').role).toBe('engineering-manager');
    expect(normalizeTitle('Engineering Manager Workload Management').role).toBe('engineering-manager'); // prettier-ignore
    expect(normalizeTitle('Associate Manager, Data Privacy').role).toBe('data-protection-officer');
  });
});

describe('roleOfPosting', () => {
  const read = (title: string, description: string, skills: readonly string[] = []) =>
    roleOfPosting({ title, description, skills });

  // Hacker News comments of the gold set: the adapter's title is a field of the first line,
  // and the comment names its openings below.
  it('reads the first role the opening names when the title names no job', () => {
    const codecademy = 'Codecademy | New York, NY USA | Full time';
    expect(read(codecademy, `${codecademy}\nBackend Engineer: https://grnh.se/3245d7c12\nContent Contributor: ASP.NET and C#: https://grnh.se/85921dfc2`).role).toBe('backend-developer'); // prettier-ignore
    const publicis =
      'Publicis Spine | New York, NY or Chicago, IL | Onsite | Visa Transfers | Full-time';
    expect(read(publicis, `${publicis} Publicis Spine, a group inside Publicis Groupe, is hiring a front-end web developer to take charge of our Angular front-end.`).role).toBe('frontend-developer'); // prettier-ignore
    expect(read('jobs@ebaynyc.com', 'eBay | www.ebay.com | New York | NYC | Full Time | ONSITE | jobs@ebaynyc.com | VISA ok\nLooking for a full stack developer with true grit.').role).toBe('full-stack-developer'); // prettier-ignore
  });

  it('reads the first of coordinated kinds, and a job named by a word for a person', () => {
    const costar = 'Co—Star Astrology | Full-time | On-site | New York | $130-150k + equity';
    expect(read(costar, `${costar}\nWe’re looking for iOS, Android, and full-stack software developers to join our ten-person team in Chinatown, NYC.`).role).toBe('ios-developer'); // prettier-ignore
    const automattic = 'Automattic | Remote Global | Remote Only | https://automattic.com';
    expect(read(automattic, `${automattic}\nHere are some of our open roles:\n* Developer Advocate, WooCommerce: https://automattic.com/work-with-us/developer-advocate-wooco...\n* Mobile Engineers (Android/iOS): https://automattic.com/work-with-us/mobile-engineers/`).role).toBe('developer-advocate'); // prettier-ignore
  });

  it('takes no field, technology or lone word of prose for a job', () => {
    const clockwise = "Product Hunt's #2 Product of the Year 2019";
    const prose = 'Clockwise is creating the first intelligent calendar system by leveraging Machine Learning & Artificial Intelligence. We are looking for experienced engineers to join our backend team.'; // prettier-ignore
    expect(read(clockwise, prose).role).toBeNull();
    expect(read(clockwise, `${prose}\n* Back End Engineer (Senior - Lead)`).role).toBe('backend-developer'); // prettier-ignore
  });

  it('reads only the opening of the text', () => {
    const title = 'Suade|London|Full-time|Onsite';
    expect(read(title, `${title}\nBackend Developer`).role).toBe('backend-developer');
    const late = `${title}\n${'We build software for regulatory reporting. '.repeat(ROLE_OPENING_CHARS / 40)}\nBackend Developer`; // prettier-ignore
    expect(read(title, late).role).toBeNull();
  });

  it("keeps the title's role, a job no role has, another trade, and the title's seniority", () => {
    const text = 'We are hiring data scientists and a backend engineer.';
    expect(read('Backend Engineer - All Levels', text).role).toBe('backend-developer');
    expect(read('Communications Manager', text).role).toBeNull();
    expect(read('Electrical Engineer', text).role).toBeNull();
    expect(read('Senior hires | Sydney | Onsite', text)).toEqual({ role: 'data-scientist', seniority: 'senior' }); // prettier-ignore
  });
});
