"""Vocabulary of the demo data set: Chinese and English companies, people, cities."""

from __future__ import annotations

# (city, province, area code, postal prefix, street)
EAST_CITIES = (
    ("上海", "上海市", "21", "200", "浦东新区张江路"), ("杭州", "浙江省", "571", "310", "西湖区文三路"),
    ("苏州", "江苏省", "512", "215", "工业园区星湖街"), ("南京", "江苏省", "25", "210", "鼓楼区中山北路"),
    ("宁波", "浙江省", "574", "315", "鄞州区天童南路"), ("无锡", "江苏省", "510", "214", "新吴区长江路"),
)
SOUTH_CITIES = (
    ("广州", "广东省", "20", "510", "天河区天河路"), ("深圳", "广东省", "755", "518", "南山区科技园路"),
    ("东莞", "广东省", "769", "523", "松山湖大道"), ("佛山", "广东省", "757", "528", "顺德区大良街"),
    ("厦门", "福建省", "592", "361", "思明区湖滨南路"), ("珠海", "广东省", "756", "519", "香洲区情侣路"),
)
FAMOUS_ACCOUNTS = ("安姆科包装(上海)有限公司", "上海华谊精细化工有限公司")
CN_BRANDS = ("华谊", "恒通", "远航", "金桥", "宏达", "新亚", "永丰", "东方", "瑞泰", "中联",
             "海天", "万科", "德信", "锦江", "嘉禾", "天成", "明珠", "鼎盛", "汇丰", "长城",
             "福瑞", "安泰", "通达", "华信", "凯旋", "信诚", "星辰", "博远", "富华", "龙腾")
# (Chinese industry word, English industry, website word)
INDUSTRIES = (
    ("精细化工", "Chemicals", "chem"), ("包装材料", "Packaging", "pack"),
    ("医疗器械", "Medical Devices", "med"), ("电子科技", "Electronics", "tech"),
    ("食品", "Food & Beverage", "food"), ("物流", "Logistics", "logistics"),
    ("机械制造", "Machinery", "machinery"), ("纺织", "Textiles", "textile"),
    ("汽车零部件", "Automotive Parts", "auto"), ("新材料", "Advanced Materials", "materials"),
)
EN_BRANDS = ("Bluewave", "Summit", "Evergreen", "Northstar", "Pacific Rim", "Lotus", "Goldleaf",
             "Harbor", "Silverline", "Crestview", "Jade River", "Redwood", "Orient", "Meridian")
EN_SUFFIXES = ("Co., Ltd.", "(China) Ltd.", "Trading Co.", "Asia Pacific Ltd.")
# (hanzi, pinyin)
SURNAMES = (("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"),
            ("杨", "yang"), ("赵", "zhao"), ("黄", "huang"), ("周", "zhou"), ("吴", "wu"),
            ("徐", "xu"), ("孙", "sun"), ("胡", "hu"), ("朱", "zhu"), ("高", "gao"))
GIVEN = (("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"),
         ("强", "qiang"), ("磊", "lei"), ("洋", "yang"), ("艳", "yan"), ("勇", "yong"),
         ("军", "jun"), ("杰", "jie"), ("婷", "ting"), ("涛", "tao"), ("明", "ming"),
         ("晓燕", "xiaoyan"), ("建华", "jianhua"), ("志强", "zhiqiang"), ("丽娟", "lijuan"))
EN_FIRST = ("David", "Emma", "Michael", "Sophie", "James", "Olivia", "Daniel", "Grace", "Kevin",
            "Linda", "Peter", "Helen", "Tom", "Amy")
EN_LAST = ("Chen", "Smith", "Wong", "Miller", "Lee", "Brown", "Tan", "Müller", "Martin", "Ng")
TITLES = ("采购经理", "总经理", "技术总监", "Purchasing Manager", "Plant Manager", "CFO",
          "质量经理", "Operations Director", "销售总监", "Engineer")
VISIT_PURPOSES = ("季度业务回顾", "新产品介绍", "Price negotiation", "Quarterly business review",
                  "技术交流", "Complaint follow-up", "合同续签", "Site survey")
VISIT_NOTES = ("客户对新包装方案很感兴趣，需要报价。", "Discussed Q3 volumes; they want a 5% discount.",
               "采购经理换人了，需要重新建立关系。", "Demo went well, technical team convinced.",
               "客户反映上批货有质量问题，已记录。", "Agreed on trial order next month.")
PRODUCTS = ("年度框架协议", "新产线设备", "Packaging film supply", "Annual service contract",
            "试用订单", "Spare parts 2025", "Coating materials", "扩产项目")
TASK_TITLES = ("发送报价单", "Send revised quote", "安排技术交流", "Follow up on samples",
               "确认付款条款", "Call back purchasing", "准备合同草案")
OWN_TASKS = ("提交周报", "Update pipeline forecast", "报销差旅费用")
