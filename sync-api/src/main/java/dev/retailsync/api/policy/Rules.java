package dev.retailsync.api.policy;

/** The built-in conflict rules. */
final class Rules {
  private Rules() {}

  static final ConflictRule NEWEST_WINS =
      new ConflictRule() {
        @Override
        public Verdict resolve(Candidate current, Candidate incoming) {
          return Candidate.compareRecency(incoming, current) > 0
              ? Verdict.TAKE_INCOMING
              : Verdict.KEEP_CURRENT;
        }

        @Override
        public String toString() {
          return "newestWins";
        }
      };

  static final ConflictRule REVIEW =
      new ConflictRule() {
        @Override
        public Verdict resolve(Candidate current, Candidate incoming) {
          if (current.system().equals(incoming.system())
              || java.util.Objects.equals(current.value(), incoming.value())) {
            return NEWEST_WINS.resolve(current, incoming);
          }
          return Verdict.REVIEW;
        }

        @Override
        public String toString() {
          return "review";
        }
      };
}
