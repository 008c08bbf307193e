/** A skill, its base weight, and its trend over the whole span (+ rising, - falling). */
export type WeightedSkill = readonly [name: string, weight: number, trend: number];

/** A role of the market, as its postings title it and what they ask and pay. */
export interface RoleProfile {
  /** A name or alias of the role taxonomy (src/roles/taxonomy/), without seniority. */
  readonly title: string;
  /** How often it is posted, relative to its family's other roles. */
  readonly weight: number;
  /** Demand trend over the whole span (+ rising, - fading); its rate drifts the same way. */
  readonly trend: number;
  /** A mid-level contractor's day rate in pounds, low to high. */
  readonly dayRate: readonly [number, number];
  /** The years of experience a mid-level posting asks; juniors ask fewer, seniors more. */
  readonly years: number;
  /** Skills of the role on top of its family's. */
  readonly skills?: readonly WeightedSkill[];
  /** Certifications of the skill taxonomy its postings ask for, each with the share asking it. */
  readonly certifications?: readonly (readonly [name: string, share: number])[];
}

export interface Family {
  /** How often the family is posted, relative to the others. */
  readonly weight: number;
  /** Its roles' titles. */
  readonly roles: readonly string[];
  readonly profiles: readonly RoleProfile[];
  readonly skills: readonly WeightedSkill[];
  /** The lowest and highest of its roles' day rates. */
  readonly dayRate: readonly [number, number];
}

/*
 * The simulated market's vocabulary: families of roles, each role as postings title it (a
 * name or alias of the role taxonomy, src/roles/taxonomy/, so the title normalizer knows
 * it), with its pay, the years it asks, its own skills and the certifications of the skill
 * taxonomy its postings ask for. Skill names are ones the skill tagger finds. Day rates are
 * a mid-level contractor's in pounds; seniority and currency scale them (generate-market.ts).
 *
 * Trends run over the whole span: a role's or skill's weight is its base times
 * (1 + trend x progress), so +1 doubles it by the last week and -0.6 cuts it to 40%; a
 * role's day rate drifts the same way, gently. A few roles rise (AI Engineer, Platform
 * Engineer, Cloud Security Engineer, Analytics Engineer) and a few fade (BI Developer,
 * Database Administrator, Release Manager, Scrum Master), as the planner should find.
 */

const family = (
  weight: number,
  skills: readonly WeightedSkill[],
  profiles: readonly RoleProfile[],
): Family => ({
  weight,
  skills,
  profiles,
  roles: profiles.map((p) => p.title),
  dayRate: [
    Math.min(...profiles.map((p) => p.dayRate[0])),
    Math.max(...profiles.map((p) => p.dayRate[1])),
  ],
});

// prettier-ignore
export const FAMILIES: Readonly<Record<string, Family>> = {
  cybersecurity: family(
    1.4,
    [
      ['penetration testing', 2, 0], ['SIEM', 2, 0], ['Splunk', 2, -0.5], ['ISO 27001', 2, 0],
      ['Microsoft Sentinel', 1, 1.5], ['threat modelling', 1, 0.5], ['zero trust', 1, 1],
      ['IAM', 1, 0], ['vulnerability management', 1, 0],
    ],
    [
      { title: 'Security Engineer', weight: 3, trend: 0, dayRate: [550, 700], years: 4,
        certifications: [['CISSP', 0.2], ['CompTIA Security+', 0.15]] },
      { title: 'Security Architect', weight: 1.5, trend: 0.3, dayRate: [725, 900], years: 8,
        skills: [['security architecture', 4, 0], ['cloud security', 2, 1]],
        certifications: [['CISSP', 0.4], ['CISM', 0.15], ['CCSP', 0.1]] },
      { title: 'Cloud Security Engineer', weight: 1.5, trend: 1.2, dayRate: [625, 800], years: 5,
        skills: [['cloud security', 4, 0], ['CSPM', 2, 1], ['AWS', 2, 0]],
        certifications: [['AWS Security Specialty', 0.2], ['CCSP', 0.15],
          ['Azure Security Engineer', 0.1]] },
      { title: 'Penetration Tester', weight: 2, trend: 0, dayRate: [550, 725], years: 3,
        skills: [['penetration testing', 5, 0], ['Burp Suite', 3, 0], ['Metasploit', 2, -0.3]],
        certifications: [['OSCP', 0.45], ['CREST', 0.3], ['Certified Ethical Hacker', 0.15]] },
      { title: 'SOC Analyst', weight: 2.5, trend: -0.3, dayRate: [300, 425], years: 2,
        skills: [['SIEM', 4, 0], ['incident response', 3, 0], ['CrowdStrike', 1, 0.8]],
        certifications: [['CompTIA Security+', 0.3], ['CompTIA CySA+', 0.15], ['GIAC', 0.1]] },
      { title: 'GRC Analyst', weight: 1.5, trend: 0, dayRate: [450, 600], years: 4,
        skills: [['ISO 27001', 4, 0], ['GDPR', 2, 0], ['risk management', 2, 0], ['SOC 2', 1, 0.8]],
        certifications: [['ISO 27001 Lead Auditor', 0.3], ['CISM', 0.2], ['CISA', 0.2]] },
      { title: 'DevSecOps Engineer', weight: 1, trend: 1, dayRate: [600, 775], years: 5,
        skills: [['DevSecOps', 4, 0.5], ['SAST', 2, 0], ['Snyk', 1, 1], ['Kubernetes', 2, 0]],
        certifications: [['Certified Kubernetes Security Specialist', 0.1],
          ['CompTIA Security+', 0.1]] },
    ],
  ),
  cloud: family(
    1.2,
    [
      ['AWS', 4, 0], ['Azure', 3, 0.3], ['Terraform', 3, 1], ['Kubernetes', 2, 0.5],
      ['Docker', 2, 0], ['CI/CD', 2, 0], ['Ansible', 1, -0.6], ['GCP', 1, 0.2],
    ],
    [
      { title: 'Cloud Engineer', weight: 3, trend: 0, dayRate: [500, 650], years: 4,
        certifications: [['AWS Solutions Architect', 0.25], ['Azure Administrator', 0.15]] },
      { title: 'Cloud Architect', weight: 1.5, trend: 0.3, dayRate: [700, 900], years: 8,
        skills: [['cloud architecture', 3, 0]],
        certifications: [['AWS Solutions Architect', 0.4], ['Azure Solutions Architect Expert', 0.25],
          ['Google Professional Cloud Architect', 0.1]] },
      { title: 'Azure Engineer', weight: 1.5, trend: 0.3, dayRate: [500, 650], years: 4,
        skills: [['Azure', 6, 0], ['Azure DevOps', 2, 0], ['Entra ID', 1, 0.5]],
        certifications: [['Azure Administrator', 0.35],
          ['Azure Solutions Architect Expert', 0.1]] },
      { title: 'FinOps Analyst', weight: 0.5, trend: 1.5, dayRate: [475, 625], years: 3,
        skills: [['FinOps', 5, 0]] },
    ],
  ),
  devops: family(
    1.2,
    [
      ['Kubernetes', 3, 0.5], ['Docker', 2, 0], ['Terraform', 2, 1], ['CI/CD', 3, 0],
      ['Jenkins', 2, -0.7], ['GitHub Actions', 1, 1.2], ['Prometheus', 1, 0.3],
      ['Grafana', 1, 0.3], ['Argo CD', 1, 1],
    ],
    [
      { title: 'DevOps Engineer', weight: 3, trend: -0.2, dayRate: [500, 650], years: 4,
        certifications: [['Certified Kubernetes Administrator', 0.15], ['HashiCorp Certified Terraform Associate', 0.1],
          ['AWS DevOps Engineer Professional', 0.1]] },
      { title: 'Site Reliability Engineer', weight: 1.5, trend: 0.3, dayRate: [575, 725], years: 5,
        skills: [['OpenTelemetry', 1, 1.5], ['Golang', 1, 0.5]],
        certifications: [['Certified Kubernetes Administrator', 0.2]] },
      { title: 'Platform Engineer', weight: 1.5, trend: 1.2, dayRate: [575, 750], years: 5,
        skills: [['Kubernetes', 4, 0], ['Crossplane', 1, 1.5]],
        certifications: [['Certified Kubernetes Administrator', 0.3],
          ['Certified Kubernetes Application Developer', 0.1]] },
      { title: 'Release Manager', weight: 0.8, trend: -0.6, dayRate: [400, 525], years: 5,
        skills: [['Jira', 3, 0], ['ITIL', 2, 0], ['change management', 2, 0]],
        certifications: [['ITIL Foundation', 0.3]] },
    ],
  ),
  data: family(
    1.6,
    [
      ['Python', 4, 0], ['SQL', 4, 0], ['Apache Spark', 2, 0], ['dbt', 2, 1.2],
      ['Snowflake', 2, 0.8], ['Apache Airflow', 2, 0], ['Power BI', 2, -0.2], ['Hadoop', 1, -0.8],
      ['Databricks', 1, 0.8],
    ],
    [
      { title: 'Data Engineer', weight: 3, trend: 0.3, dayRate: [500, 650], years: 4,
        skills: [['Kafka', 1, 0]],
        certifications: [['Azure Data Engineer Associate', 0.15],
          ['Google Professional Data Engineer', 0.08]] },
      { title: 'Data Scientist', weight: 2, trend: -0.2, dayRate: [500, 650], years: 3,
        skills: [['pandas', 2, 0], ['scikit-learn', 2, 0]] },
      { title: 'Analytics Engineer', weight: 1.2, trend: 1.2, dayRate: [475, 625], years: 3,
        skills: [['dbt', 5, 0.5]] },
      { title: 'Data Analyst', weight: 2, trend: 0, dayRate: [325, 450], years: 2,
        skills: [['Power BI', 3, 0], ['Tableau', 2, -0.3]] },
      { title: 'BI Developer', weight: 1.2, trend: -0.7, dayRate: [400, 525], years: 4,
        skills: [['Power BI', 4, 0], ['SSIS', 2, -0.5]] },
      { title: 'Database Administrator', weight: 0.8, trend: -0.8, dayRate: [400, 525], years: 5,
        skills: [['PostgreSQL', 3, 0.5], ['Oracle Database', 3, -0.5]] },
    ],
  ),
  ai: family(
    1,
    [
      ['Python', 4, 0], ['PyTorch', 2, 0.5], ['LLM', 2, 2], ['MLflow', 1, 0.5], ['RAG', 1, 2],
      ['LangChain', 1, 1.5], ['TensorFlow', 1, -0.5], ['Kubernetes', 1, 0],
    ],
    [
      { title: 'Machine Learning Engineer', weight: 2, trend: 0.8, dayRate: [600, 800], years: 4 },
      { title: 'AI Engineer', weight: 1, trend: 2.5, dayRate: [650, 850], years: 3,
        skills: [['LLM', 4, 1], ['RAG', 3, 1], ['vector databases', 1, 1]] },
      { title: 'MLOps Engineer', weight: 1, trend: 1, dayRate: [600, 775], years: 4,
        skills: [['MLflow', 3, 0], ['Kubeflow', 1, 0]] },
    ],
  ),
  software: family(
    2.2,
    [
      ['TypeScript', 3, 0.5], ['React', 3, 0], ['Node.js', 2, 0], ['Java', 3, -0.2], ['C#', 2, 0],
      ['Golang', 1, 0.8], ['Rust', 1, 1.5], ['jQuery', 1, -0.9], ['AngularJS', 1, -0.9],
      ['microservices', 1, 0],
    ],
    [
      { title: 'Software Engineer', weight: 3, trend: 0, dayRate: [450, 600], years: 3 },
      { title: 'Full Stack Developer', weight: 2.5, trend: 0, dayRate: [450, 600], years: 3 },
      { title: 'Frontend Developer', weight: 2, trend: -0.3, dayRate: [425, 575], years: 3,
        skills: [['React', 4, 0], ['Vue.js', 1, 0]] },
      { title: '.NET Developer', weight: 1.5, trend: -0.3, dayRate: [425, 575], years: 4,
        skills: [['.NET', 4, 0], ['C#', 4, 0]] },
      { title: 'Java Developer', weight: 1.5, trend: -0.4, dayRate: [450, 600], years: 4,
        skills: [['Java', 5, 0], ['Spring Boot', 3, 0]] },
      { title: 'Python Developer', weight: 1.5, trend: 0.4, dayRate: [475, 625], years: 3,
        skills: [['Python', 5, 0]] },
      { title: 'Go Developer', weight: 0.7, trend: 1.2, dayRate: [575, 725], years: 4,
        skills: [['Golang', 6, 0]] },
      { title: 'Solutions Architect', weight: 1, trend: 0.2, dayRate: [650, 850], years: 8,
        skills: [['AWS', 2, 0], ['microservices', 2, 0]],
        certifications: [['AWS Solutions Architect', 0.3],
          ['Azure Solutions Architect Expert', 0.15]] },
    ],
  ),
  erp: family(
    0.9,
    [
      ['SAP S/4HANA', 2, 1], ['SAP ECC', 1, -0.7], ['Salesforce', 2, 0], ['ServiceNow', 2, 0.3],
      ['stakeholder management', 1, 0], ['Power Automate', 1, 0.8],
    ],
    [
      { title: 'SAP FICO Consultant', weight: 1.2, trend: 0.2, dayRate: [650, 850], years: 6,
        skills: [['SAP FICO', 6, 0], ['SAP S/4HANA', 3, 1]],
        certifications: [['SAP Certified Consultant', 0.3]] },
      { title: 'SAP ABAP Developer', weight: 1, trend: -0.3, dayRate: [550, 700], years: 5,
        skills: [['ABAP', 6, 0], ['SAP HANA', 2, 0.5]],
        certifications: [['SAP Certified Consultant', 0.15]] },
      { title: 'Salesforce Developer', weight: 1.5, trend: 0, dayRate: [500, 650], years: 4,
        skills: [['Salesforce Apex', 4, 0], ['Lightning Web Components', 2, 0.5]],
        certifications: [['Salesforce Platform Developer', 0.4]] },
      { title: 'Salesforce Administrator', weight: 1, trend: 0, dayRate: [325, 450], years: 2,
        skills: [['Salesforce', 6, 0]],
        certifications: [['Salesforce Administrator', 0.5]] },
      { title: 'ServiceNow Developer', weight: 1, trend: 0.6, dayRate: [525, 675], years: 4,
        skills: [['ServiceNow', 6, 0]],
        certifications: [['ServiceNow Certified System Administrator', 0.45]] },
    ],
  ),
  testing: family(
    0.9,
    [
      ['Selenium', 2, -0.6], ['Playwright', 2, 1.5], ['Cypress', 2, 0.5], ['JMeter', 1, -0.3],
      ['k6', 1, 1], ['Postman', 1, 0], ['Python', 1, 0], ['Java', 1, -0.2],
    ],
    [
      { title: 'QA Engineer', weight: 2, trend: -0.4, dayRate: [325, 450], years: 3,
        skills: [['manual testing', 3, -0.4]],
        certifications: [['ISTQB', 0.3]] },
      { title: 'Test Automation Engineer', weight: 2, trend: 0.5, dayRate: [450, 575], years: 4,
        certifications: [['ISTQB', 0.35]] },
      { title: 'Test Manager', weight: 0.8, trend: -0.3, dayRate: [500, 650], years: 7,
        skills: [['stakeholder management', 2, 0], ['Jira', 2, 0]],
        certifications: [['ISTQB', 0.45]] },
    ],
  ),
  delivery: family(
    1.2,
    [
      ['stakeholder management', 3, 0], ['agile delivery', 2, 0], ['Scrum', 2, -0.3],
      ['Jira', 2, 0], ['Confluence', 1, 0], ['Kanban', 1, 0.3], ['SAFe', 1, 0.8],
      ['risk management', 1, 0],
    ],
    [
      { title: 'Project Manager', weight: 3, trend: -0.2, dayRate: [450, 600], years: 5,
        skills: [['budget management', 1, 0]],
        certifications: [['PRINCE2 Practitioner', 0.45], ['PMP', 0.25], ['APM PMQ', 0.1]] },
      { title: 'Programme Manager', weight: 1, trend: 0, dayRate: [650, 850], years: 10,
        certifications: [['MSP Practitioner', 0.3], ['PRINCE2 Practitioner', 0.3]] },
      { title: 'Scrum Master', weight: 1.5, trend: -0.5, dayRate: [425, 575], years: 3,
        skills: [['Scrum', 5, 0]],
        certifications: [['Certified ScrumMaster', 0.35], ['Professional Scrum Master', 0.3],
          ['SAFe Agilist', 0.1]] },
      { title: 'Business Analyst', weight: 2.5, trend: 0, dayRate: [400, 550], years: 3,
        certifications: [['BCS Business Analysis', 0.25], ['CBAP', 0.1]] },
      { title: 'Product Owner', weight: 1.5, trend: 0.2, dayRate: [450, 600], years: 3,
        certifications: [['Professional Scrum Product Owner', 0.3]] },
      { title: 'Service Delivery Manager', weight: 0.8, trend: -0.2, dayRate: [400, 525], years: 5,
        skills: [['ITIL', 4, 0]],
        certifications: [['ITIL Foundation', 0.6]] },
    ],
  ),
  infrastructure: family(
    1,
    [
      ['Linux', 3, 0], ['Windows Server', 2, -0.5], ['VMware', 2, -0.4],
      ['Active Directory', 2, 0], ['PowerShell', 2, 0], ['Bash', 1, 0], ['Microsoft 365', 2, 0.5],
      ['Ansible', 1, 0],
    ],
    [
      { title: 'Network Engineer', weight: 2, trend: 0, dayRate: [400, 550], years: 4,
        skills: [['Cisco', 4, 0], ['BGP', 2, 0], ['SD-WAN', 1, 1], ['Fortinet', 1, 0.5]],
        certifications: [['CCNP', 0.35], ['CCNA', 0.3]] },
      { title: 'Linux Administrator', weight: 1, trend: -0.3, dayRate: [375, 500], years: 3,
        skills: [['Linux', 6, 0], ['Bash', 2, 0]],
        certifications: [['RHCSA', 0.25], ['RHCE', 0.15]] },
      { title: 'Infrastructure Engineer', weight: 1.5, trend: 0, dayRate: [425, 575], years: 4,
        certifications: [['VMware Certified Professional', 0.15], ['MCSE', 0.1]] },
      { title: 'IT Support Analyst', weight: 1.5, trend: -0.3, dayRate: [160, 240], years: 1,
        skills: [['Microsoft 365', 3, 0.5], ['Intune', 1, 1]],
        certifications: [['CompTIA A+', 0.3], ['ITIL Foundation', 0.25]] },
    ],
  ),
};

/**
 * What asking for a skill or certification adds to a posting's rate, as a share: the
 * scarce and rising ones pay more, the fading ones less. Others add nothing.
 */
export const PREMIUMS: Readonly<Record<string, number>> = {
  Rust: 0.08,
  Golang: 0.05,
  LLM: 0.1,
  RAG: 0.08,
  Terraform: 0.05,
  Kubernetes: 0.05,
  'Microsoft Sentinel': 0.05,
  'zero trust': 0.04,
  Snowflake: 0.04,
  dbt: 0.03,
  'SAP S/4HANA': 0.06,
  Playwright: 0.03,
  CISSP: 0.06,
  OSCP: 0.05,
  'AWS Solutions Architect': 0.04,
  'Certified Kubernetes Administrator': 0.04,
  jQuery: -0.05,
  AngularJS: -0.06,
  Hadoop: -0.04,
  'manual testing': -0.06,
};
