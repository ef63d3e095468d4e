package dev.hardnetzoo.core.tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header dict of a .npy file, a Python literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}. Only the literal forms
 * numpy writes are accepted (strings, True/False, tuples of integers); this is a parser,
 * never an evaluator.
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {

    /** Parses the header text; the message of the exception says what is wrong (without the file name). */
    static NpyHeader parse(String text) {
        Map<String, Object> dict = new Parser(text).dict();
        if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
            throw new IllegalArgumentException("header keys are " + dict.keySet()
                    + ", expected descr, fortran_order and shape");
        }
        if (!(dict.get("descr") instanceof String descr)) throw new IllegalArgumentException("descr is not a string");
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new IllegalArgumentException("fortran_order is not True or False");
        }
        if (!(dict.get("shape") instanceof long[] shape)) throw new IllegalArgumentException("shape is not a tuple");
        return new NpyHeader(descr, fortran, shape);
    }

    /** The header numpy writes for a C-order little-endian float32 array of this shape. */
    static String format(Shape shape) {
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.rank(); i++) dims.append(i == 0 ? "" : ", ").append(shape.dim(i));
        if (shape.rank() == 1) dims.append(','); // a 1-tuple needs its comma in Python
        return "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) { this.s = s; }

        Map<String, Object> dict() {
            Map<String, Object> out = new LinkedHashMap<>();
            expect('{');
            while (peek() != '}') {
                String key = string();
                expect(':');
                if (out.put(key, value()) != null) throw error("duplicate key '" + key + "'");
                if (peek() == ',') pos++;
                else if (peek() != '}') throw error("expected ',' or '}'");
            }
            pos++;
            if (peek() != 0) throw error("unexpected text after the dict");
            return out;
        }

        private Object value() {
            char c = peek();
            if (c == '\'' || c == '"') return string();
            if (c == '(') return tuple();
            if (s.startsWith("True", pos)) { pos += 4; return Boolean.TRUE; }
            if (s.startsWith("False", pos)) { pos += 5; return Boolean.FALSE; }
            throw error("unsupported value");
        }

        private long[] tuple() {
            expect('(');
            List<Long> items = new ArrayList<>();
            while (peek() != ')') {
                items.add(integer());
                if (peek() == ',') pos++;
                else if (peek() != ')') throw error("expected ',' or ')' in tuple");
            }
            pos++;
            return items.stream().mapToLong(Long::longValue).toArray();
        }

        private long integer() {
            peek();
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            if (start == pos || pos - start > 18) throw error("expected a non-negative integer");
            long v = Long.parseLong(s, start, pos, 10);
            if (pos < s.length() && s.charAt(pos) == 'L') pos++; // Python 2 long literal
            return v;
        }

        private String string() {
            char quote = peek();
            if (quote != '\'' && quote != '"') throw error("expected a string");
            int end = s.indexOf(quote, pos + 1);
            if (end < 0) throw error("unterminated string");
            String v = s.substring(pos + 1, end);
            pos = end + 1;
            return v;
        }

        private void expect(char c) {
            if (peek() != c) throw error("expected '" + c + "'");
            pos++;
        }

        /** Skips whitespace and returns the next character, 0 at the end. */
        private char peek() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at offset " + pos + " of header " + abbreviate(s));
        }

        private static String abbreviate(String s) {
            String t = s.strip();
            return t.length() <= 120 ? t : t.substring(0, 117) + "...";
        }
    }
}
