"""Reading an article: the words (words), the names (names), its sentences and clauses (text),
the periods (periods), what surrounds each figure (article), the news peg (peg), the readings
and their doubts (readings), and the recipe each figure gets (proposer, with levels, rates and
ranks). `claims.recipes.propose`
puts them together."""
