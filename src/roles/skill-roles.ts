import type { TitleWord } from './words.js';

/** Technical core skills a posting must ask for to give a bare role noun its role. */
const MIN_SKILLS_FOR_NOUN = 2;

/**
 * Roles read from skills by the roles' core skills, roles named by their index in the role
 * taxonomy: the tie-break between aliases, and the role of a title naming no role's alias.
 */
export class SkillRoles {
  /** The roles with an alias ending in each word ("manager": project-manager, grc-analyst...). */
  readonly rolesOfNoun = new Map<string, number[]>();
  /** Skill ids of technologies and technical practices (every category but delivery). */
  readonly technicalSkills = new Set<string>();
  /** Skill ids a single title word names ("zoho", "javafx"). */
  readonly skillsOfWord = new Map<string, string[]>();

  constructor(private readonly coreSkills: readonly ReadonlySet<string>[]) {}

  /** How many of the skills are core skills of the role. */
  overlap(target: number, skills: readonly string[]): number {
    const core = this.coreSkills[target] as ReadonlySet<string>;
    let overlap = 0;
    for (const skill of skills) if (core.has(skill)) overlap += 1;
    return overlap;
  }

  /**
   * For a title whose role noun no alias completes ("Associate Compliance Manager",
   * "Researcher, Vision"): of the roles with an alias ending in that noun, the one whose
   * core skills the posting asks for most, counting technical skills only and at least
   * MIN_SKILLS_FOR_NOUN of them (project management alone makes no IT manager).
   */
  byNoun(words: readonly TitleWord[], skills: readonly string[]): number | null {
    const technical = skills.filter((s) => this.technicalSkills.has(s));
    if (technical.length < MIN_SKILLS_FOR_NOUN) return null;
    let best = -1;
    let bestOverlap = MIN_SKILLS_FOR_NOUN - 1;
    const targets = new Set<number>();
    for (const w of words)
      for (const target of this.rolesOfNoun.get(w.word) ?? []) targets.add(target);
    for (const target of [...targets].sort((a, b) => a - b)) {
      const overlap = this.overlap(target, technical);
      if (overlap > bestOverlap) {
        best = target;
        bestOverlap = overlap;
      }
    }
    return best < 0 ? null : best;
  }

  /**
   * For a title that names a technology but no role ("Help with Zoho CRM", "Java FX"): the
   * role whose core skills hold most of the title's skills, then of the posting's.
   */
  byTitleSkills(words: readonly TitleWord[], skills: readonly string[]): number | null {
    const named = new Set<string>();
    for (const w of words) for (const id of this.skillsOfWord.get(w.word) ?? []) named.add(id);
    if (named.size === 0) return null;
    const inTitleSkills = [...named];
    let best = -1;
    let bestScore = 0;
    for (let target = 0; target < this.coreSkills.length; target += 1) {
      const inTitle = this.overlap(target, inTitleSkills);
      if (inTitle === 0) continue;
      const score = inTitle * 100 + this.overlap(target, skills);
      if (score > bestScore) {
        best = target;
        bestScore = score;
      }
    }
    return best < 0 ? null : best;
  }
}
