package io.outdial.dialer.sim;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Relative weights of the constants of an enum, e.g. the share of each call outcome. Weights need
 * not add up to anything in particular: {@code 35, 45, 15, 3, 2} and {@code 0.35, 0.45, ...} mean
 * the same.
 *
 * @param weights the weight of each constant; missing constants weigh zero
 */
public record Mix<E extends Enum<E>>(Map<E, Double> weights) {
  public Mix {
    Objects.requireNonNull(weights, "weights");
    double total = 0;
    for (var e : weights.entrySet()) {
      Objects.requireNonNull(e.getKey(), "weights key");
      double w = Objects.requireNonNull(e.getValue(), "weight");
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weight of " + e.getKey() + " must be >= 0: " + w);
      }
      total += w;
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("at least one weight must be positive");
    }
    weights = Map.copyOf(weights);
  }

  /** The share (0 to 1) of {@code constant}. */
  public double share(E constant) {
    return weights.getOrDefault(constant, 0.0) / total();
  }

  /**
   * The constant that a uniform draw {@code u} in [0, 1) falls on, walking the constants in
   * declaration order so that a seed always maps to the same constant.
   */
  public E pick(double u, Class<E> type) {
    double target = u * total();
    double cumulative = 0;
    E last = null;
    for (E constant : type.getEnumConstants()) {
      double w = weights.getOrDefault(constant, 0.0);
      if (w == 0) {
        continue;
      }
      cumulative += w;
      last = constant;
      if (target < cumulative) {
        return constant;
      }
    }
    return last;
  }

  private double total() {
    return weights.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** A mix from weights given in the enum's declaration order. */
  static <E extends Enum<E>> Mix<E> ordered(Class<E> type, double... weights) {
    E[] constants = type.getEnumConstants();
    if (weights.length != constants.length) {
      throw new IllegalArgumentException("need one weight per " + type.getSimpleName());
    }
    Map<E, Double> map = new EnumMap<>(type);
    for (int i = 0; i < constants.length; i++) {
      map.put(constants[i], weights[i]);
    }
    return new Mix<>(map);
  }
}
