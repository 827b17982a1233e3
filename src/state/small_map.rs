//! A map and a set kept as sorted vectors, for the few entries the console holds at a time
//! (selected keys, statuses on their way, a key's bucket permissions). They need no tree: a
//! B-tree costs the wasm several kilobytes of code for every key and value type it is used
//! with; these cost a binary search and a vector.
//!
//! Inserting is linear in the entries, so they suit tens or hundreds of entries, not thousands.

use std::borrow::Borrow;

/// Entries in key order; the API of `BTreeMap` where the console uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmallMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for SmallMap<K, V> {
    fn default() -> Self {
        SmallMap(Vec::new())
    }
}

impl<K: Ord, V> SmallMap<K, V> {
    pub fn new() -> Self {
        SmallMap(Vec::new())
    }

    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.0.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &mut self.0[i].1)
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// The value that was there before, if any.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.0.retain_mut(|(k, v)| keep(k, v));
    }

    /// In key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> + '_ {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> + '_ {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> + '_ {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for SmallMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = SmallMap::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

impl<K: Ord, V> Extend<(K, V)> for SmallMap<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

/// Members in order; the API of `BTreeSet` where the console uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmallSet<T>(SmallMap<T, ()>);

impl<T> Default for SmallSet<T> {
    fn default() -> Self {
        SmallSet(SmallMap::default())
    }
}

impl<T: Ord> SmallSet<T> {
    pub fn new() -> Self {
        SmallSet(SmallMap::new())
    }

    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.0.contains_key(value)
    }

    /// Whether it was new.
    pub fn insert(&mut self, value: T) -> bool {
        self.0.insert(value, ()).is_none()
    }

    /// Whether it was there.
    pub fn remove<Q: Ord + ?Sized>(&mut self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.0.remove(value).is_some()
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        self.0.retain(|v, _| keep(v));
    }

    /// In order.
    pub fn iter(&self) -> impl Iterator<Item = &T> + '_ {
        self.0.keys()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Ord> FromIterator<T> for SmallSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        SmallSet(iter.into_iter().map(|v| (v, ())).collect())
    }
}

impl<T: Ord> Extend<T> for SmallSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        self.0.extend(iter.into_iter().map(|v| (v, ())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn behaves_like_the_btree_map_it_replaces() {
        let ops = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (9, 'e'), (1, 'f')];
        let (mut ours, mut theirs) = (SmallMap::new(), BTreeMap::new());
        for (k, v) in ops {
            assert_eq!(ours.insert(k, v), theirs.insert(k, v));
        }
        assert!(ours.iter().eq(theirs.iter()), "same entries, same order");
        assert_eq!((ours.get(&3), ours.get(&4)), (theirs.get(&3), theirs.get(&4)));
        assert_eq!(ours.remove(&1), theirs.remove(&1));
        assert_eq!(ours.remove(&1), None);
        ours.retain(|k, _| *k != 9);
        theirs.retain(|k, _| *k != 9);
        assert!(ours.values().eq(theirs.values()));
        assert_eq!((ours.len(), ours.contains_key(&2), ours.contains_key(&9)), (2, true, false));
    }

    #[test]
    fn the_set_keeps_each_member_once_in_order() {
        let mut ours: SmallSet<String> = ["b", "a", "b"].into_iter().map(String::from).collect();
        let theirs: BTreeSet<String> = ["b", "a", "b"].into_iter().map(String::from).collect();
        assert!(ours.iter().eq(theirs.iter()));
        assert!(!ours.insert("a".into()) && ours.insert("c".into()));
        assert!(ours.contains("c") && ours.remove("c") && !ours.remove("c"));
        ours.retain(|v| v != "a");
        assert_eq!(ours.iter().collect::<Vec<_>>(), ["b"]);
        assert!(!ours.is_empty() && ours.len() == 1);
    }
}
