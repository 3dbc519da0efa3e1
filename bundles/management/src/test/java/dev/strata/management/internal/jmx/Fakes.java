package dev.strata.management.internal.jmx;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Function;

/** Interface fakes for the few OSGi objects a unit test needs: each method answers from a map by its name. */
final class Fakes {

    private Fakes() {
    }

    /** Methods named in {@code answers} return the answer (a {@link Function} gets the call's arguments). */
    @SuppressWarnings("unchecked")
    static <T> T of(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("equals")) {
                return proxy == args[0];
            }
            if (method.getName().equals("hashCode")) {
                return System.identityHashCode(proxy);
            }
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
            }
            Object answer = answers.get(method.getName());
            return answer instanceof Function<?, ?> f ? ((Function<Object[], Object>) f).apply(args) : answer;
        });
    }
}
