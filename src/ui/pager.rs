//! "‹ previous [1] … [12] [13] [14] … [1000] next ›" with a rows-per-page choice: a bounded
//! window of page numbers (`state::page_window`), however many pages there are.

use crate::state::{page_window, PageItem, PageSpan, PAGE_SIZES};
use leptos::prelude::*;

#[component]
pub fn Pager(
    /// The page shown and how many there are.
    #[prop(into)]
    span: Signal<PageSpan>,
    /// Rows per page.
    #[prop(into)]
    size: Signal<usize>,
    /// The navigation landmark's name ("Pages of access keys").
    label: &'static str,
    /// What the rows are, for "No keys to show" ("keys").
    noun: &'static str,
    /// A page number was chosen.
    on_page: Callback<usize>,
    /// A page size was chosen.
    on_size: Callback<usize>,
) -> impl IntoView {
    let current = move || span.with(|p| p.page);
    let pages = move || span.with(|p| p.pages);
    // Redrawn only when the window itself changes, not on every change of the rows.
    let window = Memo::new(move |_| span.with(|p| page_window(p.page, p.pages)));
    view! {
        <nav class="uk-pagination" aria-label=label>
            <p class="uk-pagination__summary" aria-live="polite">
                {move || {
                    span.with(|p| {
                        if p.total == 0 {
                            format!("No {noun} to show")
                        } else {
                            format!("Showing {}–{} of {}", p.first, p.last, p.total)
                        }
                    })
                }}
            </p>
            <div class="uk-pagination__controls">
                <button
                    type="button"
                    class="uk-pagination__step"
                    prop:disabled=move || { current() <= 1 }
                    on:click=move |_| on_page.run(current() - 1)
                >
                    <span aria-hidden="true">"‹"</span>
                    <span class="uk-pagination__word">" previous"</span>
                </button>
                <ul class="uk-pagination__pages">
                    // Keyed by page number (a gap by its side), so a step to the next page
                    // makes one new button, not a new window.
                    <For
                        each=move || window.get().into_iter().enumerate()
                        key=|(i, item)| match item {
                            PageItem::Page(n) => (*n, false),
                            PageItem::Gap => (0, *i == 1),
                        }
                        children=move |(_, item)| match item {
                            PageItem::Gap => view! { <li class="uk-pagination__gap" aria-hidden="true">"…"</li> }.into_any(),
                            PageItem::Page(n) => view! {
                                <li>
                                    <button
                                        type="button"
                                        class="uk-pagination__page"
                                        class:uk-pagination__page--current=move || current() == n
                                        aria-current=move || (current() == n).then_some("page")
                                        aria-label=format!("Page {n}")
                                        on:click=move |_| on_page.run(n)
                                    >
                                        {n}
                                    </button>
                                </li>
                            }
                            .into_any(),
                        }
                    />
                </ul>
                <button
                    type="button"
                    class="uk-pagination__step"
                    prop:disabled=move || { current() >= pages() }
                    on:click=move |_| on_page.run(current() + 1)
                >
                    <span class="uk-pagination__word">"next "</span>
                    <span aria-hidden="true">"›"</span>
                </button>
            </div>
            <label class="uk-pagination__size">
                "Rows per page "
                <select
                    class="uk-select"
                    prop:value=move || size.get().to_string()
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse() {
                            on_size.run(n);
                        }
                    }
                >
                    {PAGE_SIZES
                        .iter()
                        .map(|n| {
                            view! {
                                // `selected` for the first render (the options come after the
                                // select's value is set); the bound value for every change after.
                                <option value=n.to_string() selected=size.get_untracked() == *n>{n.to_string()}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </nav>
    }
}
