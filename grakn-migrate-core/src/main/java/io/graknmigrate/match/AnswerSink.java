package io.graknmigrate.match;

/** Where a query's results go, as they are found. */
public interface AnswerSink {

    /** Drops every result. */
    AnswerSink DISCARD = new AnswerSink() {
        @Override
        public void answer(Answer answer) { }

        @Override
        public void value(Number value) { }

        @Override
        public void beginGroup(Concept owner) { }

        @Override
        public void endGroup() { }

        @Override
        public void groupValue(Concept owner, Number value) { }
    };

    /** One answer of a get (or of a group, between {@link #beginGroup} and {@link #endGroup}). */
    void answer(Answer answer);

    /** An aggregate's result; null when there is none (min, max, mean, median, std of no answers). */
    void value(Number value);

    /** A group of {@code group $v;} starts; its answers follow, then {@link #endGroup}. */
    void beginGroup(Concept owner);

    void endGroup();

    /** One group of {@code group $v; <aggregate>;} with its aggregate's result (null as for {@link #value}). */
    void groupValue(Concept owner, Number value);
}
