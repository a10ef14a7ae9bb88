// Package search writes a site's search index: static JSON files under
// search/ that assets/search.js, on the search page, queries in the browser.
// It needs nothing at build time but Go, and nothing on the host but static
// files.
//
// # Documents
//
// Every glossary entry and every article is a document. Ids number them
// entries first, by sort key (then id), then articles, newest first (then by
// slug), so that ranking ties broken by id put entries before articles,
// entries by name and articles newest first.
//
// # Words
//
// Text is split into terms as [Normalize] and [Tokens] say: NFKD, combining
// marks removed ("Erdoğan" → "erdogan"), lower case (unicode.ToLower), a few
// letters without a decomposition spelled out ("ł" → "l", "ø" → "o",
// "ß" → "ss"), split on anything that is not a letter or a number; English
// stop words and tokens over [MaxTokenBytes] are dropped. The client does the
// same with String.prototype.normalize("NFKD"), /\p{M}/gu, toLowerCase and
// /[^\p{L}\p{N}]+/u, with the fold table and stop words from the manifest.
//
// A document's fields weigh (see [WeightTitle] and the rest): an article's
// title 8; its summary, dateline and tags 4; its text and authors 1, or 2
// when the term occurs three times or more. An entry's name and aliases 8;
// its role and summary 4; its body and facts 1 or 2. A posting's weight is
// the sum over the fields a term is in (at most 14).
//
// # Files
//
// search/index.json, the manifest ([Manifest]), is all a page fetches before
// the first query: the number of documents, the term shard bounds, the stop
// words, the fold table and the kind labels; a few KB even for 10,000
// articles.
//
// search/t/<i>.json, a term shard, is a JSON object from term to postings.
// Terms are sorted in JavaScript (UTF-16) order and cut into shards of about
// Options.ShardSize bytes (16 KiB); the manifest lists each shard's lower
// bound (the shortest prefix of its first term above the previous shard's
// last term), so the client finds a term's shard by binary search and a
// prefix's shards as that one plus those whose bounds start with the prefix.
//
// Postings are a string: for each document with the term, in id order, the
// number (id − previous id − 1) × 16 + weight, written in base 32 with the
// base64url alphabet, low digits first, the 32 bit of a character meaning
// "more digits follow" (see encodePostings). Neighbouring documents take one
// character, documents up to 64 apart two. A term in more than
// Options.MaxPostings documents (4096) keeps only the documents it weighs
// most in, the lowest ids among equals, and its string starts with "*": the
// client then treats the word as optional — it ranks the documents listed
// but does not exclude others — so a common word cannot hide a document that
// the other words of a query find.
//
// search/d/<n>.json, a document shard, is a JSON array of the display data
// ([Doc]: kind, title, site path, role, snippet, date) of documents
// n×16 … n×16+15. The client fetches only the shards of the results it shows,
// ten at a time.
//
// # Queries
//
// The client drops stop words from a query (but keeps a last word being
// typed when it is the only one), matches every word exactly and the last
// one, unless a space follows it, also as a prefix of at least two
// characters (over at most three shards), keeps the documents that have
// every word that is not capped, and ranks them by the sum of their weights
// (a prefix word counts its best-weighing completion), then by id. The
// manifest's hash goes on the shards' URLs (?v=…) so that a cache never
// mixes files of two builds.
//
// On a generated site of 10,000 articles and 1,000 entries a query
// downloads 20–90 KB (see TestSearchDownloadBudget10k); the budget is 150 KB.
package search
