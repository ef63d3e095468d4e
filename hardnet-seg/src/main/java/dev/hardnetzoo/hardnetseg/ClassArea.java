package dev.hardnetzoo.hardnetseg;

/** How much of an image one class covers. */
public record ClassArea(int trainId, String name, long pixels, double fraction) {}
