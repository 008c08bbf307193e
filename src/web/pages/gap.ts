import { categoryName } from '../../skills/categories.js';
import { html, type Markup } from '../../report/markup.js';

/** The skill-gap form, filled in as asked, with the categories to choose from. */
export function gapFormMarkup(
  form: { readonly skills: string; readonly category: string },
  categories: readonly string[],
): Markup {
  const options = categories.map((category) => {
    const selected = category === form.category ? 'selected' : '';
    return html`<option value="${category}" ${selected}>${categoryName(category)}</option>`;
  });
  return html`<h1>Skill gap</h1>
    <form class="inline" method="get" action="/gap">
      <input
        name="skills"
        value="${form.skills}"
        placeholder="aws, terraform, python"
        size="40"
        aria-label="your skills"
        required
      /><select name="category" aria-label="category">
        <option value="">any category</option>
        ${options}</select
      ><button type="submit">Show my gap</button>
    </form>`;
}

export const GAP_INTRO = html`<p>
  Name the skills you have, comma-separated: the page shows their demand and rate, the skills that
  combine with them, and the bundles of skills postings ask for that you are closest to.
</p>`;
