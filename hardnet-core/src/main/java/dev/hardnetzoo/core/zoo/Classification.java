package dev.hardnetzoo.core.zoo;

/** One class of a top-K answer. */
public record Classification(int index, String label, float probability) {}
