import { loadTaxonomy, type Taxonomy } from '../skills/taxonomy.js';
import { isLevelWord, seniorityOfWords, type Seniority } from './seniority.js';
import { AliasTrie, compareMatches, NOT_IT, wholeAliases, type Match } from './alias-trie.js';
import { SkillRoles } from './skill-roles.js';
import { loadRoleTaxonomy, type RoleTaxonomy } from './taxonomy.js';
import {
  DEVELOPER_NOUNS,
  FULL_STACK,
  GENERIC_DEVELOPER_ROLES,
  LANGUAGE_ROLES,
  namesStack,
  stackRole,
} from './stack.js';
import { roleWords, STOPWORDS } from './job-words.js';
import { aliasKey, titleWords, type TitleWord } from './words.js';

export type { Seniority } from './seniority.js';

export interface NormalizedTitle {
  /** A role id of the role taxonomy, or null: no IT role. */
  readonly role: string | null;
  readonly seniority: Seniority | null;
}

export interface TitleAnalysis extends NormalizedTitle {
  /** The words that say what the job is: no level, noise, gender mark, money or company. */
  readonly words: readonly string[];
  /** Whether a phrase of another trade decided there is no role ("electrical engineer"). */
  readonly notIt: boolean;
  /** What gave the role: the title's words, or (for a title naming none) the skills. */
  readonly by: 'title' | 'skills' | null;
  /** Whether a word of the title is a job's noun (engineer, manager, berater), role or not. */
  readonly namesJob: boolean;
}

// Words a title's kind of role rests on: never skipped inside an alias ("Python Backend
// Engineer" is a backend engineer, not a Python engineer with a word skipped).
const ROLE_KIND_WORDS = new Set(['frontend', 'backend', 'fullstack', 'web', 'mobile', 'cloud', 'data', 'devops', 'devsecops', 'mlops', 'security', 'software', 'network', 'test', 'qa', 'platform', 'infrastructure', 'embedded', 'systems', 'system', 'native', 'solutions', 'solution', 'application', 'applications', 'product', 'business', 'it', 'technical', 'ai', 'machine', 'learning', 'sap', 'salesforce', 'engineering', 'sre', 'dba', 'support', 'informatique']); // prettier-ignore
// Office tools a title names for work that is no IT role ("Build an Excel sheet"); fields
// (ROLE_KIND_WORDS: "software", "data", "security") are no technology either.
const NOT_A_TECHNOLOGY = new Set(['excel', 'word', 'office', 'powerpoint', 'outlook', 'sheets', 'docs', 'pdf', 'agile', 'scrum', 'sales', 'marketing', 'crm', 'erp', 'ai', 'seo', 'ecommerce', 'design']); // prettier-ignore
const GENERIC_SOFTWARE_ENGINEER = 'software-engineer';
// Words that join coordinated kinds ("back-end as well as a front-end engineer"), and the
// articles that may stand between them.
const CONJUNCTIONS = new Set(['and', 'or', 'as', 'well', 'und', 'oder', 'et', 'ou']);
const JOINING_WORDS = new Set([...CONJUNCTIONS, 'a', 'an']);
// Endings of words for a person, which words for a field ("learning", "science") lack.
const PERSON_ENDING = /(?:er|or|ist|ian|ant|ect|ate)$/;
/** Aliases a word must end to be a role noun, never skipped ("developpeur python" ends one). */
const ROLE_NOUN_ENDINGS = 8;
/** Words of a field after a developer noun read with it ("Engineer - Data Platform"), at most. */
const MAX_FIELD_WORDS = 3;

// A company after "at", "@", "chez", "bei": "Data Engineer at Acme" is a data engineer.
const COMPANY_TAIL = /\s+(?:at|@|chez|bei)\s+.*$|\s*@\s*\S.*$/i;

/**
 * Job titles to a role and a seniority. The aliases are compiled once into a trie of
 * canonical words, so a title costs one pass over its words whatever the number of roles.
 */
export class TitleNormalizer {
  private readonly trie = new AliasTrie();
  private readonly roleIds: readonly string[];
  private readonly roleIndex: ReadonlySet<string>;
  private readonly bySkills: SkillRoles;
  private readonly skippable = new Set<string>();
  /** Words many aliases end with (engineer, manager, berater): a title with one names a job. */
  private readonly roleNouns = new Set<string>();

  constructor(
    readonly taxonomy: RoleTaxonomy,
    skillTaxonomy?: Taxonomy,
  ) {
    this.roleIds = taxonomy.roles.map((r) => r.id);
    this.roleIndex = new Set(this.roleIds);
    this.bySkills = new SkillRoles(taxonomy.roles.map((r) => new Set(r.skills)));
    const { rolesOfNoun, technicalSkills, skillsOfWord } = this.bySkills;
    // How many aliases end with each word: role nouns (engineer, analyst, berater) end many.
    const endings = new Map<string, number>();
    const add = (alias: string, target: number) => {
      const words = aliasKey(alias).split(' ');
      this.trie.add(words, target);
      const last = words[words.length - 1] as string;
      endings.set(last, (endings.get(last) ?? 0) + 1);
      const ofNoun = rolesOfNoun.get(last) ?? [];
      if (target !== NOT_IT && !ofNoun.includes(target)) rolesOfNoun.set(last, [...ofNoun, target]);
    };
    taxonomy.roles.forEach((role, index) => {
      for (const alias of role.aliases) add(alias, index);
    });
    for (const phrase of taxonomy.notIt) add(phrase, NOT_IT);
    for (const [word, count] of endings) {
      if (count >= ROLE_NOUN_ENDINGS && !ROLE_KIND_WORDS.has(word) && !isLevelWord(word)) {
        this.roleNouns.add(word);
      }
    }
    for (const skill of skillTaxonomy?.skills ?? []) {
      // Ways of working ("team lead", "agile") name no technology a role is known by.
      const technology = skill.category !== 'delivery';
      if (technology) technicalSkills.add(skill.id);
      for (const surface of [...skill.aliases, ...skill.exact]) {
        const key = aliasKey(surface);
        if (
          technology &&
          /^[a-z0-9]+$/.test(key) &&
          !NOT_A_TECHNOLOGY.has(key) &&
          !ROLE_KIND_WORDS.has(key)
        ) {
          skillsOfWord.set(key, [...(skillsOfWord.get(key) ?? []), skill.id]);
        }
        for (const word of key.split(' ')) {
          if (
            word !== '' &&
            !this.roleNouns.has(word) &&
            !ROLE_KIND_WORDS.has(word) &&
            !isLevelWord(word) &&
            !STOPWORDS.has(word)
          ) {
            this.skippable.add(word);
          }
        }
      }
    }
  }

  /** Whether a word is a word of some alias (so never a place or a company). */
  isRoleWord(word: string): boolean {
    return this.trie.has(word);
  }

  /** The role and seniority of a title; the posting's skill ids break ties between roles. */
  normalize(title: string, skills: readonly string[] = []): NormalizedTitle {
    const { role, seniority } = this.analyse(title, skills);
    return { role, seniority };
  }

  /** The role, the seniority, and the words that say what the job is. */
  analyse(title: string, skills: readonly string[] = []): TitleAnalysis {
    const head = title.replace(COMPANY_TAIL, '');
    const words = this.trie.known(titleWords(head.trim() === '' ? title : head));
    const seniority = seniorityOfWords(words);
    const { best, firstPart, refined, notIt } = this.named(words, skills);
    let role = refined === null ? null : (this.roleIds[refined.target] as string);
    let by: TitleAnalysis['by'] = role === null ? null : 'title';
    // The stack the title names makes a generic developer specific ("C C++ Linux
    // Developer"), a language developer with a front end full-stack ("Python React
    // Developer"), and a title that names only a stack its developer ("Java FX").
    if (notIt === 0 || role !== null) {
      const part = best === null ? this.developerPart(words) : firstPart;
      const stack = stackRole(words, part, role);
      if (stack !== null && this.roleIndex.has(stack) && refines(role, stack)) {
        role = stack;
        by = 'title';
      }
    }
    const namesJob = words.some((w) => this.roleNouns.has(w.word));
    if (role === null && notIt === 0) {
      const target = namesJob
        ? this.bySkills.byNoun(words, skills)
        : this.bySkills.byTitleSkills(words, skills);
      if (target !== null) {
        role = this.roleIds[target] as string;
        by = 'skills';
      }
    }
    const named = roleWords(words);
    return { role, seniority, words: named, notIt: by === null && notIt > 0, by, namesJob };
  }

  /**
   * The role a phrase of running text names with an alias of two words or more that ends
   * in a job's noun ("we are hiring a backend engineer"), or null. Prose names fields and
   * technologies without naming a job ("our backend", "machine learning", "a developer
   * tools company"), so no lone word, field, technology or skill counts.
   */
  roleNamedIn(text: string): string | null {
    const words = this.trie.known(titleWords(text));
    const { refined } = this.named(
      words,
      [],
      (m) => m.weight >= 2 && this.namesPerson((words[m.end] as TitleWord).word),
    );
    return refined === null ? null : (this.roleIds[refined.target] as string);
  }

  /** Whether a word is a job's noun or says a person ("advocate", "owner", "tester"). */
  private namesPerson(word: string): boolean {
    return this.roleNouns.has(word) || PERSON_ENDING.test(word);
  }

  /**
   * The role the words' aliases name, of the aliases `accept` takes: of the first part
   * that names one, the most specific, made specific by the field after it.
   */
  private named(
    words: readonly TitleWord[],
    skills: readonly string[],
    accept: (match: Match) => boolean = () => true,
  ) {
    const matches = this.trie.matches(words, this.skippable).filter(accept);
    const notIt = matches.filter((m) => m.target === NOT_IT);
    const vetoed = (m: Match) =>
      notIt.some((n) => n.weight >= m.weight && n.start <= m.end && m.start <= n.end);
    const candidates = matches.filter((m) => m.target !== NOT_IT && !vetoed(m));
    // A title naming several roles is the first one named ("Backend Engineer + Frontend
    // Engineer"); within its part, the most specific match.
    const firstPart = Math.min(...candidates.map((m) => (words[m.start] as TitleWord).part));
    const best = this.best(
      candidates.filter((m) => (words[m.start] as TitleWord).part === firstPart),
      skills,
    );
    // A coordinated kind or a field is matched on a phrase of its own: only its target counts.
    let refined: Match | null = null;
    if (best === null) refined = notIt.length === 0 ? this.fieldOfNoun(words, skills) : null;
    else if (best.weight > 1) refined = this.firstCoordinated(best, words, skills);
    if (best !== null) refined ??= this.qualified(best, candidates, words, skills);
    return { best, firstPart, refined, notIt: notIt.length };
  }

  /**
   * A generic software engineer qualified by a field after it, in brackets or as the next
   * part ("Senior Product Engineer (Fullstack)", "Software Engineers, Backend", "Software
   * Engineer - Machine Learning"), is that field's role. A field names no role noun:
   * "Software Engineer, Frontend Engineer" names two roles, and the first counts.
   */
  private qualified(
    best: Match,
    candidates: readonly Match[],
    words: readonly TitleWord[],
    skills: readonly string[],
  ): Match {
    if (this.roleIds[best.target] !== GENERIC_SOFTWARE_ENGINEER) return best;
    const part = (words[best.start] as TitleWord).part;
    const qualifier = candidates.find((m) => {
      const first = words[m.start] as TitleWord;
      if (m.start <= best.end || this.roleIds[m.target] === GENERIC_SOFTWARE_ENGINEER) return false;
      const span = words.slice(m.start, m.end + 1);
      if (span.some((w) => this.roleNouns.has(w.word))) return false;
      // The field is the whole bracket or the whole next part.
      const inBrackets = first.part === part && first.bracketed;
      const nextPart = first.part === part + 1 && first.breakBefore;
      const after = words[m.end + 1];
      const whole =
        after === undefined ||
        (inBrackets ? !after.bracketed || after.part !== part : after.part !== first.part);
      return (inBrackets || nextPart) && whole;
    });
    return qualifier ?? this.fieldOfNoun(words, skills, best.end) ?? best;
  }

  /**
   * A developer noun and the field after it, in brackets or as the next part, read as one
   * alias: "Software Engineer, Android" is an Android engineer, "Engineer - Data Platform"
   * a data platform engineer. The field must make a whole alias with the noun, no word
   * skipped: "Software Engineer - Payments" and "Software Engineer - Backend Team" name none
   * and stay what the words before say.
   */
  private fieldOfNoun(
    words: readonly TitleWord[],
    skills: readonly string[],
    at = words.findIndex((w) => DEVELOPER_NOUNS.has(w.word)),
  ): Match | null {
    const noun = words[at];
    const next = words[at + 1];
    if (noun === undefined || next === undefined || !DEVELOPER_NOUNS.has(noun.word)) return null;
    const inBrackets = next.bracketed && !noun.bracketed && next.part === noun.part;
    const nextPart = next.part === noun.part + 1 && next.breakBefore && !next.bracketed;
    if (!inBrackets && !nextPart) return null;
    const field: TitleWord[] = [];
    for (const w of words.slice(at + 1)) {
      if (w.bracketed !== next.bracketed || w.part !== next.part) break;
      field.push(w);
    }
    // "Developer - Java, Groovy, ScriptRunner": a list of technologies names a stack, no field.
    const listed = words.some(
      (w) => w.part === next.part + 1 && this.bySkills.skillsOfWord.has(w.word),
    );
    if (field.length > MAX_FIELD_WORDS || listed) return null;
    return this.best(wholeAliases(this.trie, [...field, noun]), skills);
  }

  /**
   * The first of coordinated kinds that share a match's noun: "Backend/Frontend Developer",
   * "iOS, Android, and full-stack software developers", "a back-end as well as a front-end
   * engineer" name the back-end (the iOS) one first. A kind counts where it makes a whole
   * alias with the match's words after the match's own kind.
   */
  private firstCoordinated(
    best: Match,
    words: readonly TitleWord[],
    skills: readonly string[],
  ): Match | null {
    const kinds: TitleWord[] = [];
    for (let i = best.start; i > 0;) {
      const after = words[i] as TitleWord;
      let joined = after.slashBefore || after.commaBefore;
      let j = i - 1;
      for (; j >= 0 && JOINING_WORDS.has((words[j] as TitleWord).word); j -= 1) {
        joined ||= CONJUNCTIONS.has((words[j] as TitleWord).word);
      }
      const kind = words[j];
      // A language or framework names a stack, which stackRole reads ("React/Node Developer").
      if (kind === undefined || !joined || kind.bracketed) break;
      if (isLevelWord(kind.word) || namesStack(kind.word)) break;
      kinds.unshift(kind);
      i = j;
    }
    for (const kind of kinds) {
      for (let k = best.start + 1; k <= best.end; k += 1) {
        const match = this.best(wholeAliases(this.trie, [kind, ...words.slice(k, best.end + 1)]), skills); // prettier-ignore
        if (match !== null) return match;
      }
    }
    return null;
  }

  /**
   * The first part of a title that names a developer without a role ("Principal Engineers
   * (Rust)"); null (the whole title) when none does.
   */
  private developerPart(words: readonly TitleWord[]): number | null {
    return words.find((w) => DEVELOPER_NOUNS.has(w.word))?.part ?? null;
  }

  /** The most specific match (compareMatches), the posting's skills breaking ties. */
  private best(matches: readonly Match[], skills: readonly string[]): Match | null {
    let best: Match | null = null;
    let bestScore = -1;
    for (const match of matches) {
      const score = skills.length === 0 ? 0 : this.bySkills.overlap(match.target, skills);
      if (best === null || compareMatches(match, score, best, bestScore) < 0) {
        best = match;
        bestScore = score;
      }
    }
    return best;
  }
}

/** Whether the role a title's stack names is more specific than the role its words name. */
function refines(role: string | null, stack: string): boolean {
  if (role === null || GENERIC_DEVELOPER_ROLES.has(role)) return true;
  return stack === FULL_STACK && LANGUAGE_ROLES.has(role);
}

let shared: TitleNormalizer | null = null;

/** The normalizer of the repository's role and skill taxonomies, built on first use. */
export function sharedTitleNormalizer(): TitleNormalizer {
  shared ??= new TitleNormalizer(loadRoleTaxonomy(), loadTaxonomy());
  return shared;
}

/**
 * A job title to a role of the role taxonomy and a seniority: "Snr. AWS DevSecOps Eng
 * (Contract, Outside IR35)" -> devsecops-engineer, senior. Titles of other trades get role
 * null. `skills` (the posting's skill ids) break ties between aliases of one length.
 */
export function normalizeTitle(title: string, skills?: readonly string[]): NormalizedTitle {
  return sharedTitleNormalizer().normalize(title, skills);
}
