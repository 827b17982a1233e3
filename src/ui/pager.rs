//! "‹ previous [1] [2] next ›" with a rows-per-page choice.

use crate::state::{PageSpan, PAGE_SIZES};
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
            <button
                type="button"
                class="uk-pagination__step"
                prop:disabled=move || { current() <= 1 }
                on:click=move |_| on_page.run(current() - 1)
            >
                "‹ previous"
            </button>
            <ul class="uk-pagination__pages">
                {move || {
                    (1..=pages())
                        .map(|n| {
                            view! {
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
                        })
                        .collect_view()
                }}
            </ul>
            <button
                type="button"
                class="uk-pagination__step"
                prop:disabled=move || { current() >= pages() }
                on:click=move |_| on_page.run(current() + 1)
            >
                "next ›"
            </button>
            <label class="uk-pagination__size">
                "Rows per page "
                <select
                    class="uk-select"
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
                                <option value=n.to_string() selected=move || size.get() == *n>
                                    {n.to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </nav>
    }
}
