package it.outdial.support;

import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the test classes of one {@link ServerGroup} one after another, where the group's first class
 * would have run; every other class keeps its place. Set as {@code
 * junit.jupiter.testclass.order.default} for failsafe in {@code liberty/pom.xml}.
 */
public class ServerGroupOrder implements ClassOrderer {
  @Override
  public void orderClasses(ClassOrdererContext context) {
    List<? extends ClassDescriptor> classes = context.getClassDescriptors();
    Map<String, Integer> groupPlace = new HashMap<>();
    Map<ClassDescriptor, Integer> place = new IdentityHashMap<>();
    Map<ClassDescriptor, Integer> found = new IdentityHashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      ClassDescriptor descriptor = classes.get(i);
      int index = i;
      found.put(descriptor, index);
      place.put(
          descriptor,
          descriptor
              .findAnnotation(ServerGroup.class)
              .map(group -> groupPlace.computeIfAbsent(group.value(), g -> index))
              .orElse(index));
    }
    classes.sort(Comparator.<ClassDescriptor>comparingInt(place::get).thenComparingInt(found::get));
  }
}
