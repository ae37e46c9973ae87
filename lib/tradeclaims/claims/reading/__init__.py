"""Reading an article: the words (words), the names (names), the sentences (text), the periods
(periods), what surrounds each figure (article), the news peg (peg), the readings and their
doubts (readings), and the recipe each figure gets (proposer, ranks). `claims.recipes.propose`
puts them together."""
