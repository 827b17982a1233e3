//! The Buckets tab: the data centre's buckets, read-only.

use super::feedback::{LoadError, SkeletonRows};
use crate::api::ApiClient;
use keys_api::Bucket;
use leptos::prelude::*;

const COLS: usize = 5;

#[component]
fn BucketRow(bucket: Bucket) -> impl IntoView {
    let (location, country) = bucket
        .dclocation
        .as_ref()
        .map(|l| (l.location.clone(), l.country.clone()))
        .unwrap_or_else(|| (bucket.dcslug.clone(), String::new()));
    view! {
        <tr data-testid="bucket-row">
            <th scope="row">{bucket.name.clone()}</th>
            <td>
                <span class="uk-location">{location}</span>
                <span class="uk-location__country">{country}</span>
            </td>
            <td class="uk-num">{bucket.object_count.to_string()}</td>
            <td>
                <span class="uk-status">
                    <span
                        class=if bucket.status.eq_ignore_ascii_case("active") { "uk-dot uk-dot--active" } else { "uk-dot uk-dot--other" }
                        aria-hidden="true"
                    ></span>
                    {bucket.status.clone()}
                </span>
            </td>
            <td class="uk-table__date">{bucket.created_at.clone()}</td>
        </tr>
    }
}

#[component]
pub fn BucketsPanel(#[prop(into)] dc: Signal<String>) -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let buckets = LocalResource::new(move || {
        let (client, dc) = (client.clone(), dc.get());
        async move { client.list_buckets(&dc).await.map(|r| r.buckets) }
    });
    let head = || view! {
        <thead>
            <tr>
                <th scope="col">"Storage"</th>
                <th scope="col">"Location"</th>
                <th scope="col">"Objects"</th>
                <th scope="col">"Status"</th>
                <th scope="col">"Created At"</th>
            </tr>
        </thead>
    };
    view! {
        <Transition fallback=move || view! {
            <table class="uk-table" aria-busy="true">
                <caption class="uk-sr-only">"Buckets (loading)"</caption>
                {head()}
                <tbody><SkeletonRows cols=COLS rows=3 /></tbody>
            </table>
        }>
            {move || Suspend::new(async move {
                match buckets.await {
                    Ok(list) if list.is_empty() => view! {
                        <div class="uk-empty"><p class="uk-empty__title">"No buckets in this data centre"</p></div>
                    }.into_any(),
                    Ok(list) => view! {
                        <table class="uk-table" data-testid="buckets-table">
                            <caption class="uk-sr-only">"Buckets"</caption>
                            {head()}
                            <tbody>
                                {list.into_iter().map(|bucket| view! { <BucketRow bucket /> }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(error) => view! {
                        <LoadError what="buckets" error on_retry=Callback::new(move |_| buckets.refetch()) />
                    }.into_any(),
                }
            })}
        </Transition>
    }
}
