package org.openets.allocation;

/** How sure the rules reference is of a value (rules-reference §0): confirmed, partial, unconfirmed. */
public enum Confidence { C, P, U }
