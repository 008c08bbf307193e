import { careerBody } from '../../career/render.js';
import type { CareerPlan } from '../../career/plan.js';
import { html, type Markup } from '../../report/markup.js';
import type { CareerForm } from '../career-data.js';
import { roleHref } from './roles.js';

/** What the form offers to choose from: role categories and role names. */
export interface CareerChoices {
  readonly categories: readonly { readonly id: string; readonly name: string }[];
  readonly roles: readonly string[];
}

/** The career form, filled in as asked: a plain GET form that works without JavaScript. */
export function careerFormMarkup(form: CareerForm, choices: CareerChoices): Markup {
  const categories = choices.categories.map(
    (c) =>
      html`<option value="${c.id}" ${c.id === form.category ? 'selected' : ''}>${c.name}</option>`,
  );
  return html`<h1>Career planner</h1>
    <form class="career" method="get" action="/career">
      <label
        >Your skills
        <input
          name="skills"
          value="${form.skills}"
          placeholder="aws, terraform, python"
          required /></label
      ><label
        >Certifications
        <input name="certs" value="${form.certs}" placeholder="aws-saa, cissp" /></label
      ><label
        >Years of experience
        <input name="years" value="${form.years}" inputmode="decimal" placeholder="5" /></label
      ><label
        >Dream job
        <input
          name="target"
          value="${form.target}"
          list="career-roles"
          placeholder="cloud architect" /></label
      ><label
        >Category
        <select name="category">
          <option value="">any category</option>
          ${categories}
        </select></label
      ><button type="submit">Plan my career</button>
      <datalist id="career-roles">
        ${choices.roles.map((name) => html`<option value="${name}"></option>`)}
      </datalist>
    </form>`;
}

/** The form's own layout: fields stacked, each as wide as the page allows. */
export const CAREER_STYLES = html`<style>
  form.career {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: 0.5rem 1rem;
    align-items: end;
  }
  form.career label {
    display: grid;
    gap: 0.2rem;
  }
  form.career input,
  form.career select {
    width: 100%;
    box-sizing: border-box;
  }
  .career-plan table {
    display: block;
    overflow-x: auto;
  }
</style>`;

export const CAREER_INTRO = html`<p>
  Name the skills you have, comma-separated, and any certifications and years of experience: the
  page lists the better-paid roles nearest to your skills (fit, day rate, uplift, growth) with the
  path to each, how current your skills are, and where demand is heading. Name a dream job to see
  your distance to it and the roles on the way.
</p>`;

/** Why the plan could not be made: each problem on a line, with the nearest known names. */
export function careerProblems(message: string): Markup {
  const lines = message.split('\n');
  return html`<div class="error" role="alert">
    <p>The plan cannot be made as asked:</p>
    <ul>
      ${lines.map((line) => html`<li>${line}</li>`)}
    </ul>
  </div>`;
}

/** The plan, as the command's HTML shows it, its roles linked to their pages. */
export const careerResult = (plan: CareerPlan): Markup => careerBody(plan, roleHref);
