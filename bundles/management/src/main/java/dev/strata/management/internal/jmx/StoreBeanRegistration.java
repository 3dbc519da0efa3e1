package dev.strata.management.internal.jmx;

import javax.management.AttributeList;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import dev.strata.api.StorageException;
import dev.strata.api.management.StoreMXBean;

/**
 * A store's bean as it is registered: the MXBean itself, except that a {@code getAttributes} call of several
 * figures reads the store's figures once for all of them ({@link StoreBean#readingOnce}), where the MXBean
 * machinery would call each getter, and so read the store's figures, once per attribute. Single reads stay live.
 */
final class StoreBeanRegistration extends StandardMBean {

    private final StoreBean bean;

    private StoreBeanRegistration(StoreBean bean) throws NotCompliantMBeanException {
        super(bean, StoreMXBean.class, true);
        this.bean = bean;
    }

    static StoreBeanRegistration of(StoreBean bean) {
        try {
            return new StoreBeanRegistration(bean);
        } catch (NotCompliantMBeanException e) {
            throw new StorageException("the store bean does not fit StoreMXBean: " + e.getMessage(), e);
        }
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        return bean.readingOnce(() -> super.getAttributes(attributes));
    }
}
